using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

// Second stage after the syslog header, like Wazuh decoders: picks a decoder by program name or by the shape of the
// message. A message no decoder claims stays a plain syslog event.
internal static class MessageDecoders
{
    // As Decode(NormalizedEvent, string?, string?, ParseOptions) for the message that starts at messageStart in
    // line, and sets Message. A Cisco message is cut from the line once, after its id, rather than once whole and
    // once more by the decoder.
    internal static void Decode(NormalizedEvent ev, string line, int messageStart, string? program, ParseOptions options)
    {
        if (messageStart >= line.Length)
        {
            return;
        }
        if (line[messageStart] == '%' && program is not ("sshd" or "sudo" or "su"))
        {
            if (!CiscoAsaDecoder.TryDecode(ev, line, messageStart))
            {
                ev.Message = line[messageStart..];
            }
            return;
        }
        ev.Message = line[messageStart..];
        Decode(ev, ev.Message, program, options);
    }

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
