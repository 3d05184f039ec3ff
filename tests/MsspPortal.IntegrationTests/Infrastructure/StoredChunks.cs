using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Infrastructure;

// A stored chunk's lines as received, whatever encoding it was kept in.
public static class StoredChunks
{
    public static byte[] Decoded(RawBatchChunk chunk)
    {
        using var lines = chunk.Open();
        return lines.ToArray();
    }
}
