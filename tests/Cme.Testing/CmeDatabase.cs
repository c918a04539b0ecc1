using Cme.Application.Common.Interfaces;
using Cme.Infrastructure;
using Cme.Infrastructure.Persistence.Migrations;
using Cme.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cme.Testing;

/// <summary>A fresh, migrated database with the demo consortium, for one test class.</summary>
public sealed class CmeDatabase : IAsyncLifetime
{
    public const string DemoPassword = DemoDataSeeder.DefaultPassword;

    public string ConnectionString { get; private set; } = "";

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.InstanceAsync();
        ConnectionString = await Server.CloneAsync("cme_template", PrepareTemplateAsync);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task PrepareTemplateAsync(string connectionString)
    {
        await new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance, TimeProvider.System).MigrateAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ICurrentUser>(new TestUser())
            .AddInfrastructure(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Cme"] = connectionString }).Build());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(DemoPassword);
    }
}
