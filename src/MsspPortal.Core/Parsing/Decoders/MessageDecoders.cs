using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

/// <summary>
/// Second stage after the syslog header, like Wazuh decoders: picks a decoder by program name or by the
/// shape of the message. A message no decoder claims stays a plain syslog event.
/// </summary>
internal static class MessageDecoders
{
    internal static void Decode(NormalizedEvent ev, string? message, string? program, ParseOptions options)
    {
        if (message is null)
        {
            return;
        }
        switch (program)
        {
            case "sshd":
                SshdDecoder.Decode(ev, message);
                return;
            case "sudo":
                SudoDecoder.DecodeSudo(ev, message);
                return;
            case "su":
                SudoDecoder.DecodeSu(ev, message);
                return;
            default:
                break;
        }
        if (message.Length > 0 && message[0] == '%')
        {
            CiscoAsaDecoder.TryDecode(ev, message);
            return;
        }
        if (NetfilterDecoder.TryDecode(ev, message, program))
        {
            return;
        }
        PanOsDecoder.TryDecode(ev, message, options);
    }
}
