namespace MsspPortal.Web.Demo;

public static class DemoBanner
{
    public static void Print(TextWriter output, DemoSeedResult result)
    {
        output.WriteLine();
        output.WriteLine($"MsspPortal demo data: {result.Tenants} tenants, {result.Alerts} alerts, all from logs sent through ingestion and detection:");
        foreach (var c in result.Counts)
        {
            output.WriteLine($"  {c.Slug,-16} {c.Lines,10:N0} lines {c.Events,10:N0} events {c.Quarantined,6:N0} quarantined {c.Alerts,6:N0} alerts");
        }
        if (result.SignIns.Count == 0)
        {
            output.WriteLine("No demo users were created (Production).");
            return;
        }
        output.WriteLine("Demo sign-ins (password for all: " + DemoSeeder.DemoPassword + "):");
        foreach (var signIn in result.SignIns)
        {
            output.WriteLine($"  {signIn.Role,-16} {signIn.Email,-32} {signIn.Scope}");
        }
        output.WriteLine();
    }

    public static void PrintExisting(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Demo sign-ins (password for all: " + DemoSeeder.DemoPassword + "):");
        foreach (var (email, _, role, slugs) in DemoSeeder.People)
        {
            output.WriteLine($"  {role,-16} {email,-32} {(slugs.Length == 0 ? "all tenants" : string.Join(", ", slugs))}");
        }
        output.WriteLine();
    }
}
