namespace MsspPortal.UnitTests.Detection;

/// <summary>Finds the shared corpus by walking up from the test binaries, so no path is hard-coded.</summary>
internal static class Corpus
{
    public static string Directory(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (System.IO.Directory.Exists(candidate))
            {
                return Path.Combine(candidate, name);
            }
        }
        throw new DirectoryNotFoundException("No shared/corpus above " + AppContext.BaseDirectory);
    }
}
