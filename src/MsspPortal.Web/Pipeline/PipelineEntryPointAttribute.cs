namespace MsspPortal.Web.Pipeline;

// Marks what features may call in the pipeline (accept a batch, reprocess, the rule runtime, …). Everything else in
// Pipeline/ is its engine room; a test fails if a feature names a type without this mark.
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = false)]
public sealed class PipelineEntryPointAttribute : Attribute;
