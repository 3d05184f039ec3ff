namespace MsspPortal.Web.Data.Bulk;

public sealed class TenantBulkWriteException(string message) : InvalidOperationException(message);
