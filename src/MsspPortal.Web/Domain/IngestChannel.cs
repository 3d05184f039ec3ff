namespace MsspPortal.Web.Domain;

public enum IngestChannel
{
    Api,
    Syslog,
    Upload,
    Cli,
}
