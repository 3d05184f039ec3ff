using System.Text;
using PdfSharp.Pdf.IO;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The text drawn on a PDF's pages, read back with PDFsharp: each page's content streams decoded, and the string
/// operands of its text operators collected (literal and hex strings, WinAnsi-encoded as the reports write them).
/// Enough to find the words a report prints; not a general text extractor (no layout, no font CMaps).
/// </summary>
public static class PdfText
{
    public static (int Pages, string Text) Read(byte[] pdf)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var winAnsi = Encoding.GetEncoding(1252);
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var content = page.Contents.CreateSingleContent().Stream.UnfilteredValue;
            foreach (var bytes in Strings(content))
            {
                text.Append(winAnsi.GetString(bytes)).Append('\n');
            }
        }
        return (document.PageCount, text.ToString());
    }

    private static IEnumerable<byte[]> Strings(byte[] content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '(')
            {
                var value = new List<byte>();
                var depth = 1;
                for (i++; i < content.Length && depth > 0; i++)
                {
                    var c = content[i];
                    if (c == '\\' && i + 1 < content.Length)
                    {
                        var e = content[++i];
                        if (e is >= (byte)'0' and <= (byte)'7')
                        {
                            var octal = e - '0';
                            for (var k = 0; k < 2 && i + 1 < content.Length && content[i + 1] is >= (byte)'0' and <= (byte)'7'; k++)
                            {
                                octal = (octal * 8) + (content[++i] - '0');
                            }
                            value.Add((byte)octal);
                        }
                        else
                        {
                            value.Add(e switch { (byte)'n' => (byte)'\n', (byte)'r' => (byte)'\r', (byte)'t' => (byte)'\t', (byte)'b' => 8, (byte)'f' => 12, _ => e });
                        }
                        continue;
                    }
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    if (depth > 0)
                    {
                        value.Add(c);
                    }
                }
                i--;
                yield return [.. value];
            }
            else if (content[i] == '<' && i + 1 < content.Length && content[i + 1] != '<')
            {
                var end = Array.IndexOf(content, (byte)'>', i);
                if (end < 0)
                {
                    yield break;
                }
                var hex = Encoding.ASCII.GetString(content, i + 1, end - i - 1).Replace(" ", "", StringComparison.Ordinal);
                if (hex.Length % 2 == 0 && hex.All(Uri.IsHexDigit))
                {
                    yield return Convert.FromHexString(hex);
                }
                i = end;
            }
        }
    }
}
