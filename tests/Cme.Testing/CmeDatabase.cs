using Cme.Application.Common.Interfaces;
using Cme.Infrastructure;
using Cme.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ICurrentUser>(new TestUser())
            .AddInfrastructure(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Cme"] = connectionString }).Build());
        await using var provider = services.BuildServiceProvider();
        await provider.InitialiseDatabaseAsync(seedDemoData: true, DemoPassword);
    }
}
