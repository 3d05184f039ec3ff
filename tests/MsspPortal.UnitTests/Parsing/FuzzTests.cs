using System.Text;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Random and mutated fixture lines: nothing escapes, every line ends as an event or with a reason.</summary>
public sealed class FuzzTests
{
    private const int Iterations = 120_000;

    private static readonly string[] Seeds = LoadSeeds();

    private static readonly LogFormat[] Formats = [LogFormat.Auto, LogFormat.Rfc3164, LogFormat.Rfc5424, LogFormat.Cef, LogFormat.Leef, LogFormat.Json];

    [Fact]
    public void Mutated_lines_never_throw_and_always_end_parsed_or_with_a_reason()
    {
        var random = new Random(20240601);
        var options = Fixtures.Options() with { MaxLineLength = 4096 };
        var parsed = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]));
            var format = Formats[random.Next(Formats.Length)];
            var outcome = LogLineParser.Parse(bytes, format, options);

            Assert.True((outcome.Event is null) != (outcome.Error is null), "exactly one of Event and Error");
            if (outcome.Error is not null)
            {
                Assert.DoesNotContain("internal parser error", outcome.Error, StringComparison.Ordinal);
            }
            else
            {
                parsed++;
                Assert.Equal(TimeSpan.Zero, outcome.Event!.Timestamp.Offset);
                Assert.NotEqual(LogFormat.Auto, outcome.Event.Format);
            }
        }
        Assert.InRange(parsed, Iterations / 10, Iterations - 1);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        var options = Fixtures.Options() with { MaxLineLength = 512 };
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 700)];
            random.NextBytes(bytes);
            var outcome = LogLineParser.Parse(bytes, Formats[i % Formats.Length], options);

            Assert.True((outcome.Event is null) != (outcome.Error is null));
            Assert.DoesNotContain("internal parser error", outcome.Error ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Frame_decoder_survives_random_streams()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var decoder = new SyslogFrameDecoder((SyslogFraming)(i % 3), maxFrameLength: 256);
            var frames = new List<SyslogFrame>();
            var stream = Mutate(random, Encoding.UTF8.GetBytes("12 <13>1 - - - " + Seeds[random.Next(Seeds.Length)] + "\n"));
            for (var at = 0; at < stream.Length; at += 7)
            {
                decoder.Decode(stream.AsSpan(at, Math.Min(7, stream.Length - at)), frames);
            }
            decoder.Complete(frames);

            Assert.All(frames, f => Assert.True((f.Message is null) != (f.Error is null)));
        }
    }

    private static byte[] Mutate(Random random, byte[] line)
    {
        var list = new List<byte>(line);
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations; m++)
        {
            var at = list.Count == 0 ? 0 : random.Next(list.Count);
            switch (random.Next(9))
            {
                case 0:
                    list.RemoveRange(at, list.Count - at); // truncation
                    break;
                case 1:
                    list.Insert(at, "|=\\ ]\"[{:<>"u8[random.Next(11)]);
                    break;
                case 2:
                    list.InsertRange(at, Enumerable.Repeat((byte)"A=\\|"[random.Next(4)], random.Next(1, 5000)));
                    break;
                case 3:
                    list.Insert(at, (byte)random.Next(0, 32)); // control characters
                    break;
                case 4:
                    list.InsertRange(at, new[] { (byte)0xC3, (byte)0x28, (byte)0xFF, (byte)0xE2, (byte)0x82 }.Take(random.Next(1, 6)));
                    break;
                case 5 when list.Count > 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 6 when list.Count > 0:
                    list.RemoveAt(at);
                    break;
                case 7:
                    list.InsertRange(at, "CEF:0|a|b|c|d|e|Very-High|"u8.ToArray());
                    break;
                default:
                    list.InsertRange(at, " key= "u8.ToArray());
                    break;
            }
        }
        return [.. list];
    }

    private static string[] LoadSeeds()
    {
        var files = new[]
        {
            "syslog/cisco-asa/asa.log", "syslog/rfc3164/rfc3164.log", "syslog/rfc5424/rfc5424.log", "syslog/paloalto/panos.log",
            "syslog/auth/auth.log", "syslog/hostile/hostile.log", "syslog/broken/broken.log", "cef/cases/cef-inputs.cef", "cef/vendors/mdca.cef",
            "cef/vendors/vault.cef", "cef/vendors/palo.cef", "cef/vendors/waf.cef", "leef/metron-style/sample.leef", "json/zeek/wrapped/zeek.ndjson",
            "json/okta/okta.jsonl", "json/windows-security/security.ndjson",
        };
        return files.SelectMany(Fixtures.Lines).Concat(
        [
            "<165>1 2003-10-11T22:14:15.003Z h a 1 ID47 [ex@1 a=\"q\\\"u\" b=\"\\]\"] msg",
            "Jan 29 00:00:28 myth kernel: SFW2-INext-DROP-DEFLT IN=ppp0 OUT= MAC= SRC=24.64.208.134 DST=216.58.112.55 PROTO=UDP SPT=24128 DPT=1026",
            "Oct 1 10:00:00 h su: FAILED su for root by alice",
            "{\"Records\":[{\"eventSource\":\"a\",\"eventName\":\"b\"}]}",
        ]).ToArray();
    }
}
