extern alias web;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cme.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

/// <summary>
/// The whole system as a person meets it: Cme.Api on real Kestrel over a fresh PostgreSQL database,
/// Cme.Web on real Kestrel talking to it over HTTP, and Debian's Chromium driven by Playwright.
/// The API's public address for certificates (<c>Cme:PublicBaseUrl</c>) is this Web server's, so the
/// QR codes of certificates issued in a test lead back to it.
/// </summary>
public class WebStack : IAsyncLifetime
{
    private readonly ApiServer _api;

    /// <summary>The API's database, for tests that look at what was stored (e.g. the outbox).</summary>
    public string ApiConnectionString => _api.ConnectionString;
    private WebServer? _web;
    private IPlaywright? _playwright;

    public WebStack() => _api = new ApiServer(this);

    /// <summary>
    /// The one clock of the API and the Web: a journey test moves it forward ("the session has ended")
    /// instead of sleeping; both hosts see the same time, so tokens and cookies stay valid across a jump.
    /// </summary>
    public TestClock Clock => _api.Clock;

    /// <summary>The API itself, for setting a test up as an administrator would through it.</summary>
    public CmeApiFactory Api => _api;

    /// <summary>Extra API configuration a test class needs.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>();

    public IBrowser Browser { get; private set; } = null!;

    public string WebUrl { get; private set; } = "";

    /// <summary>Cme.Api's address, for tests that arrange data the way another person would have.</summary>
    public string ApiUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // The Web first: the API prints its address into certificates. The Web reads the API's
        // address when it makes a client, so it learns it once the API is up.
        _web = new WebServer(Clock);
        _web.UseKestrel(0);
        _web.StartServer();
        WebUrl = Address(_web.Services).TrimEnd('/');
        await _api.InitializeAsync();
        _api.UseKestrel(0);
        _api.StartServer();
        ApiUrl = Address(_api.Services).TrimEnd('/');
        _web.Services.GetRequiredService<IConfiguration>()["CmeApi:BaseUrl"] = ApiUrl;

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
    public Task<IPage> SignInAsync(string email, string password = CmeDatabase.DemoPassword) =>
        SignInAsync(email, password, new BrowserNewContextOptions { Locale = "en-US" });

    /// <summary>
    /// The same with the browser's own options: a Chinese reader's browser (<c>Locale = "zh-CN"</c>), or a
    /// phone's viewport. The base address is this stack's.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password, BrowserNewContextOptions options)
    {
        options.BaseURL = WebUrl;
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        return page;
    }

    /// <summary>An HTTP client for Cme.Api, signed in as this demo account.</summary>
    public async Task<HttpClient> ApiClientAsync(string email, string password = CmeDatabase.DemoPassword)
    {
        var client = new HttpClient { BaseAddress = new Uri(ApiUrl + "/") };
        var response = await client.PostAsJsonAsync("api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private static string Address(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private sealed class ApiServer(WebStack stack) : CmeApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(stack.ApiSettings)
            {
                ["Cme:PublicBaseUrl"] = stack.WebUrl,
                // The Web, on this machine, names the browser's address as run.sh sets it up.
                ["Cme:Security:KnownProxies"] = "127.0.0.1;::1",
            };
    }

    private sealed class WebServer(TimeProvider clock) : WebApplicationFactory<web::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
        }
    }
}
