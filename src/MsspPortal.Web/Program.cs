using MsspPortal.Web.Host;

var builder = WebApplication.CreateBuilder(args);
var seedDemo = args.Contains("--seed-demo");
builder.AddPortalWeb();

var app = builder.Build();
app.UsePortal();
await app.InitializePortalAsync(seedDemo, CancellationToken.None);
await app.RunAsync();

public partial class Program;
