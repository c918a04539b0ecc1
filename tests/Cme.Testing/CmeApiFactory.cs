using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace Cme.Testing;

/// <summary>The real Cme.Api over a fresh database of its own (migrated, with the demo consortium).</summary>
public class CmeApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly CmeDatabase _database = new();

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The API's clock; a test moves it forward to let time pass.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Extra configuration a test class needs, e.g. tighter login throttling.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => await _database.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Cme", _database.ConnectionString);
        builder.UseSetting("Cme:SeedDemoData", "false");
        // Tests sign in a lot from one address; the throttle tests set their own numbers.
        builder.UseSetting("Cme:LoginThrottle:AccountAndAddress:FreeFailures", "100000");
        builder.UseSetting("Cme:LoginThrottle:Account:FreeFailures", "100000");
        builder.UseSetting("Cme:LoginThrottle:Address:FreeFailures", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The admins of most tests sign in with a password alone; the two-factor tests ask for the production setting.
        builder.UseSetting("Cme:Security:TwoFactorRequiredRoles", "");
        // Most tests do without the job scheduler; the scheduler tests turn it on.
        builder.UseSetting("Cme:Scheduler:Enabled", "false");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<IStartupFilter>(new PeerAddressFilter());
        });
    }

    /// <summary>
    /// The address every in-memory test request comes from (TestServer leaves it empty, and ASP.NET Core would
    /// then believe any X-Forwarded-For). A class that trusts it as a proxy lists it in Cme:Security:KnownProxies.
    /// </summary>
    public const string TestPeerAddress = "192.0.2.1";

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Parse(TestPeerAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>An HTTP client signed in as one of the demo accounts (or any account and password).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = CmeDatabase.DemoPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>
    /// The first sign-in of an account an administrator created: with the temporary password, which
    /// must be changed before anything else; returns a client with the new tokens and the new password.
    /// </summary>
    public async Task<(HttpClient Client, string Password)> FirstSignInAsync(string email, string temporaryPassword)
    {
        var client = await SignedInClientAsync(email, temporaryPassword);
        var password = $"{temporaryPassword} now mine";
        var response = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = temporaryPassword, newPassword = password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return (client, password);
    }

    /// <summary>The audit actions recorded on the account with this e-mail, oldest first, of the kinds asked for.</summary>
    public async Task<List<string>> AccountAuditActionsAsync(string email, params string[] actions)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT a.action FROM audit_log a JOIN users u ON a.entity_id = u.id::text
            WHERE u.email = @e AND a.action = ANY(@actions) ORDER BY a.id
            """, connection);
        command.Parameters.AddWithValue("e", email);
        command.Parameters.AddWithValue("actions", actions);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found.Add(reader.GetString(0));
        return found;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
