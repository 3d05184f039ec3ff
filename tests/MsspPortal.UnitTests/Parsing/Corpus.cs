using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>The shared corpus lives beside the repository (../shared/corpus); it is never copied into it.</summary>
internal static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    public static string[] Lines(string relative) =>
        File.ReadAllText(Path(relative)).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    public static ParseOptions Options(int year = 2016, int month = 6) =>
        ParseOptions.Utc(new DateTimeOffset(year, month, 15, 12, 0, 0, TimeSpan.Zero));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No shared/corpus folder above " + AppContext.BaseDirectory);
    }
}
