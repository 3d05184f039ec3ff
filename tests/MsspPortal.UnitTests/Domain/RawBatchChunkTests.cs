using System.Text;
using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class RawBatchChunkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Log_lines_are_kept_compressed_and_open_to_the_same_bytes()
    {
        // Lines as devices write them, with bytes that are not UTF-8 and an escape: kept untouched.
        var lines = string.Concat(Enumerable.Range(0, 400).Select(i =>
            $"<134>Nov 29 06:{i % 60:00}:00 fw-01 CEF:0|Acme|FW|1.0|{100 + i % 7}|deny|5|src=10.0.{i % 9}.{i % 250} dpt={i * 7 % 65536} msg=policy\\=strict\n"));
        var bytes = Encoding.UTF8.GetBytes(lines).Concat(new byte[] { 0xff, 0xfe, (byte)'x' }).ToArray();

        var chunk = NewChunk(bytes);

        Assert.Equal(ChunkEncoding.Brotli, chunk.Encoding);
        Assert.Equal(bytes.Length, chunk.ContentLength);
        Assert.True(chunk.Content.Length * 4 < bytes.Length, $"{chunk.Content.Length} bytes kept for {bytes.Length}");
        using var opened = chunk.Open();
        Assert.Equal(bytes, opened.ToArray());
    }

    [Fact]
    public void Content_that_does_not_shrink_is_kept_as_it_came()
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        var tiny = "<13>hi\n"u8.ToArray();

        var noise = NewChunk(random);
        var few = NewChunk(tiny);

        Assert.Equal((ChunkEncoding.Plain, ChunkEncoding.Plain), (noise.Encoding, few.Encoding));
        Assert.Same(random, noise.Content);
        using var opened = few.Open();
        Assert.Equal(tiny, opened.ToArray());
    }

    [Fact]
    public void Opened_lines_cannot_be_read_after_they_are_given_back()
    {
        var chunk = NewChunk(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<13>Nov 29 06:00:00 host app: a line of text\n", 50))));
        var opened = chunk.Open();
        Assert.Equal(chunk.ContentLength, opened.Length);

        opened.Dispose();

        Assert.Throws<ObjectDisposedException>(() => opened.ToArray());
    }

    private static RawBatchChunk NewChunk(byte[] content)
    {
        var batch = RawBatch.BeginReceiving(Guid.NewGuid(), 3, IngestChannel.Api, T0, T0.AddMinutes(1));
        typeof(RawBatch).GetProperty(nameof(RawBatch.Id))!.SetValue(batch, 5L);
        return batch.AppendChunk(content, 1, T0.AddMinutes(2));
    }
}
