namespace MsspPortal.Web.Pipeline;

[PipelineEntryPoint]
public sealed record StoredBatch(long BatchId, Guid TenantId, int Lines, long Bytes, bool Duplicate, long? DuplicateOf);
