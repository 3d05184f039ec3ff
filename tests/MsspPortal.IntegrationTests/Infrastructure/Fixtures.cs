namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>tests/Fixtures, copied beside the test binaries: hand-written lines, nothing from outside the repository.</summary>
internal static class Fixtures
{
    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);
}
