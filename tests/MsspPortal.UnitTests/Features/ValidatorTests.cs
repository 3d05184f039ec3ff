using FluentValidation.TestHelper;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Features.Assets;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.UnitTests.Features;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Asset_criticality_outside_1_to_5_is_rejected(int criticality)
    {
        await using var db = NoServicesDb(new TenantContext());
        var validator = new EditAssetValidator(db);

        var result = await validator.TestValidateAsync(new EditAsset { Name = "db", Identifiers = "10.0.0.1", Criticality = criticality });

        result.ShouldHaveValidationErrorFor(a => a.Criticality);
    }

    [Fact]
    public async Task A_new_asset_must_go_to_a_tenant_in_scope()
    {
        var inScope = Guid.NewGuid();
        var tenant = new TenantContext();
        tenant.Use(inScope);
        await using var db = NoServicesDb(tenant);
        var validator = new CreateAssetValidator(tenant, db);

        Assert.True((await validator.TestValidateAsync(new CreateAsset { TenantId = inScope, Name = "db", Identifiers = "10.0.0.1" })).IsValid);
        (await validator.TestValidateAsync(new CreateAsset { TenantId = Guid.NewGuid(), Name = "db", Identifiers = "10.0.0.1" }))
            .ShouldHaveValidationErrorFor(a => a.TenantId).WithErrorMessage("Choose one of your tenants.");
    }

    [Theory]
    [InlineData("10.0.0.1, 10.0.0.2", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("", true)]
    [InlineData("fw-01", false)]
    [InlineData("10.0.0.300", false)]
    public void Log_source_addresses_must_be_ip_addresses(string addresses, bool valid)
    {
        Assert.Equal(valid, LogSourceFormRulesProbe.Valid(addresses));
    }

    [Fact]
    public void Api_keys_verify_only_against_their_own_salted_hash()
    {
        var (key, prefix, hash) = ApiKeyHasher.Create();
        var (other, _, otherHash) = ApiKeyHasher.Create();

        Assert.StartsWith(prefix, key, StringComparison.Ordinal);
        Assert.True(ApiKeyHasher.Verify(key, hash));
        Assert.False(ApiKeyHasher.Verify(other, hash));
        Assert.NotEqual(hash, ApiKeyHasher.Hash(key));
        Assert.True(ApiKeyHasher.Verify(key, ApiKeyHasher.Hash(key)));
        Assert.False(ApiKeyHasher.Verify(key, "garbage"));
        Assert.True(ApiKeyHasher.Verify(other, otherHash));
    }

    private static class LogSourceFormRulesProbe
    {
        public static bool Valid(string addresses) =>
            new EditLogSourceValidatorWithoutDatabase().TestValidate(new EditLogSource { Name = "n", Vendor = "v", Product = "p", SourceAddresses = addresses })
                .Errors.All(e => e.PropertyName != nameof(EditLogSource.SourceAddresses));
    }

    private sealed class EditLogSourceValidatorWithoutDatabase : FluentValidation.AbstractValidator<EditLogSource>
    {
        public EditLogSourceValidatorWithoutDatabase() => LogSourceFormRules.Apply(this);
    }

    /// <summary>
    /// A real SQLite context for the validators' service rule: these forms name no business service, so it is never
    /// queried.
    /// </summary>
    private static SqlitePortalDbContext NoServicesDb(TenantContext tenant) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options, tenant);
}
