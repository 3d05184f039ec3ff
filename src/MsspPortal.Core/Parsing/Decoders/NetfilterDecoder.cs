using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

// iptables/nftables LOG target lines: "[uptime] PREFIX IN=eth0 OUT= MAC=.. SRC=.. DST=.. PROTO=TCP SPT=.. DPT=..
// SYN". The log prefix is free text chosen by the firewall admin (SFW2-INext-DROP-DEFLT, Shorewall:net2fw:DROP:).
internal static class NetfilterDecoder
{
    internal static bool TryDecode(NormalizedEvent ev, string message, string? program)
    {
        var inAt = FindIn(message);
        if (inAt < 0 || !message.AsSpan(inAt).Contains(" SRC=", StringComparison.Ordinal))
        {
            return false;
        }
        ev.EventCategory = "network";
        ev.ObserverProduct ??= "netfilter";
        var prefix = message.AsSpan(0, inAt).Trim();
        if (prefix.Length > 0 && prefix[0] == '[')
        {
            var close = prefix.IndexOf(']');
            if (close > 0)
            {
                ev.Fields["kernel.uptime"] = prefix[1..close].Trim().ToString();
                prefix = prefix[(close + 1)..].Trim();
            }
        }
        var fullPrefix = program is null or "kernel" || prefix.StartsWith(program)
            ? prefix.ToString()
            : string.Concat(program, ":", prefix);
        fullPrefix = fullPrefix.TrimEnd(':');
        if (fullPrefix.Length > 0)
        {
            ev.Fields["netfilter.prefix"] = fullPrefix;
            SetAction(ev, fullPrefix);
        }

        var seen = 0;
        foreach (var token in message.AsSpan(inAt).Split(' '))
        {
            var part = message.AsSpan(inAt)[token];
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }
            var key = part[..eq];
            var value = part[(eq + 1)..];
            seen = Apply(ev, key, value, seen);
        }
        return true;
    }

    private static int FindIn(string message)
    {
        var at = 0;
        while (true)
        {
            var i = message.IndexOf("IN=", at, StringComparison.Ordinal);
            if (i < 0)
            {
                return -1;
            }
            if (i == 0 || message[i - 1] == ' ' || message[i - 1] == ':')
            {
                return i;
            }
            at = i + 3;
        }
    }

    // Each key counts once: LEN appears twice (IP length, then UDP/TCP length) and the first is the packet's.
    private static int Apply(NormalizedEvent ev, ReadOnlySpan<char> key, ReadOnlySpan<char> value, int seen)
    {
        switch (key)
        {
            case "IN":
                if (!value.IsEmpty)
                {
                    ev.Fields["observer.ingress.interface.name"] = value.ToString();
                }
                break;
            case "OUT":
                if (!value.IsEmpty)
                {
                    ev.Fields["observer.egress.interface.name"] = value.ToString();
                }
                break;
            case "MAC":
                SplitMac(ev, value);
                break;
            case "SRC":
                ev.SourceIp ??= value.ToString();
                break;
            case "DST":
                ev.DestinationIp ??= value.ToString();
                break;
            case "SPT":
                if (ev.SourcePort is null && Numbers.TryPort(value, out var spt))
                {
                    ev.SourcePort = spt;
                }
                break;
            case "DPT":
                if (ev.DestinationPort is null && Numbers.TryPort(value, out var dpt))
                {
                    ev.DestinationPort = dpt;
                }
                break;
            case "PROTO":
                ev.NetworkTransport ??= Numbers.Transport(value);
                break;
            case "LEN" when (seen & 1) == 0:
                ev.Fields["netfilter.len"] = value.ToString();
                return seen | 1;
            case "TTL":
            case "ID":
            case "TOS":
            case "PREC":
            case "HOPLIMIT":
            case "TC":
            case "FLOWLBL":
            case "WINDOW":
                ev.Fields[string.Concat("netfilter.", key.ToString().ToLowerInvariant())] = value.ToString();
                break;
            default:
                break;
        }
        return seen;
    }

    private static void SplitMac(NormalizedEvent ev, ReadOnlySpan<char> mac)
    {
        // dst(6 bytes) + src(6 bytes) + ethertype(2 bytes), written as 14 colon-separated pairs.
        if (mac.Length >= 35)
        {
            ev.Fields["destination.mac"] = mac[..17].ToString();
            ev.Fields["source.mac"] = mac[18..35].ToString();
        }
        else if (!mac.IsEmpty)
        {
            ev.Fields["netfilter.mac"] = mac.ToString();
        }
    }

    private static void SetAction(NormalizedEvent ev, string prefix)
    {
        var p = prefix.AsSpan();
        if (p.Contains("DROP", StringComparison.OrdinalIgnoreCase) || p.Contains("REJECT", StringComparison.OrdinalIgnoreCase)
            || p.Contains("DENY", StringComparison.OrdinalIgnoreCase) || p.Contains("BLOCK", StringComparison.OrdinalIgnoreCase))
        {
            ev.EventAction = "connection-denied";
            ev.Outcome = EventOutcome.Failure;
        }
        else if (p.Contains("ACC", StringComparison.OrdinalIgnoreCase) || p.Contains("ALLOW", StringComparison.OrdinalIgnoreCase))
        {
            ev.EventAction = "connection-allowed";
            ev.Outcome = EventOutcome.Success;
        }
    }
}
