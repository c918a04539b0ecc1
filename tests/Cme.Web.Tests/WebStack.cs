extern alias web;
using Cme.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

/// <summary>
/// The whole system as a person meets it: Cme.Api on real Kestrel over a fresh PostgreSQL database,
/// Cme.Web on real Kestrel talking to it over HTTP, and Debian's Chromium driven by Playwright.
/// </summary>
public class WebStack : IAsyncLifetime
{
    private readonly ApiServer _api;

    public WebStack() => _api = new ApiServer(ApiSettings);

    /// <summary>Extra API configuration for a fixture that needs it (e.g. the job scheduler on).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>();

    public string ApiConnectionString => _api.ConnectionString;
    private WebServer? _web;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string WebUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _api.UseKestrel(0);
        _api.StartServer();
        _web = new WebServer(Address(_api.Services));
        _web.UseKestrel(0);
        _web.StartServer();
        WebUrl = Address(_web.Services).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CME_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_web is not null)
            await _web.DisposeAsync();
        await _api.DisposeAsync();
    }

    /// <summary>A new browser context (its own cookies), with a page signed in as this demo account.</summary>
    public async Task<IPage> SignInAsync(string email, string password = CmeDatabase.DemoPassword)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = WebUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        return page;
    }

    private static string Address(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private sealed class ApiServer(IReadOnlyDictionary<string, string?> settings) : CmeApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }

    private sealed class WebServer(string apiUrl) : WebApplicationFactory<web::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("CmeApi:BaseUrl", apiUrl);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
