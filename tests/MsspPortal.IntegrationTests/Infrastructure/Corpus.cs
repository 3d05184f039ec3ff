namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>The shared corpus lives beside the repository (../shared/corpus); it is never copied into it.</summary>
internal static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

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
