namespace MsspPortal.Core.Events;

public enum LogFormat
{
    Auto = 0,
    Rfc3164,
    Rfc5424,
    Cef,
    Leef,
    Json,
}
