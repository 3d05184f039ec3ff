using System.Globalization;
using System.Net.Sockets;

namespace MsspPortal.Web.Pipeline;

// The UDP socket's receive buffer and the kernel's per-socket drop count (Linux; elsewhere: not known).
internal static class UdpSocketTuning
{
    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;

    // Asks for the buffer, reads back what the kernel granted, and warns when it was capped.
    public static int SetReceiveBuffer(Socket socket, int requested, ILogger logger)
    {
        if (requested <= 0)
        {
            return socket.ReceiveBufferSize;
        }
        socket.ReceiveBufferSize = requested;
        // Linux reports twice the value it keeps (bookkeeping overhead), capped by net.core.rmem_max.
        var granted = socket.ReceiveBufferSize;
        if (granted < requested && OperatingSystem.IsLinux())
        {
            try
            {
                // Allowed with CAP_NET_ADMIN only; above rmem_max otherwise.
                Span<byte> value = stackalloc byte[4];
                BitConverter.TryWriteBytes(value, requested);
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, value);
                granted = socket.ReceiveBufferSize;
            }
            catch (SocketException)
            {
                // Not privileged: the warning below says what to do.
            }
        }
        if (granted < requested)
        {
            logger.LogWarning("Syslog UDP receive buffer: asked for {Requested:N0} bytes, the kernel granted {Granted:N0} (net.core.rmem_max = {Max}). " +
                "Bursts beyond it are dropped by the kernel (counted on the Ingestion page); raise it with sysctl -w net.core.rmem_max={Requested}",
                requested, granted, RmemMax() ?? "unknown", requested);
        }
        return granted;
    }

    // The drops column of /proc/net/udp{,6} for this socket's inode; null where that cannot be read.
    public static long? KernelDrops(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var link = new FileInfo($"/proc/self/fd/{socket.Handle}").LinkTarget; // "socket:[12345]"
            if (link is null || !link.StartsWith("socket:[", StringComparison.Ordinal))
            {
                return null;
            }
            var inode = link["socket:[".Length..^1];
            var table = socket.AddressFamily == AddressFamily.InterNetworkV6 ? "/proc/net/udp6" : "/proc/net/udp";
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
                if (fields.Length >= 13 && fields[9] == inode)
                {
                    return long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static string? RmemMax()
    {
        try
        {
            return File.ReadAllText("/proc/sys/net/core/rmem_max").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
