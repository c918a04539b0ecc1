using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cme.Web.Api;
using Cme.Web.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Cme.Web.Hosting;

public static class CmeWebServices
{
    public static WebApplicationBuilder AddCmeWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddRazorComponents();
        // Write Chinese as characters, not &#x...; entities: smaller pages, readable source.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddHealthChecks();
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Attendance.CheckInQrCode>();

        // Keys on disk so the auth cookie (which carries the API tokens) survives a restart.
        var keysPath = builder.Configuration["DataProtection:KeysPath"];
        if (string.IsNullOrWhiteSpace(keysPath))
            keysPath = Path.Combine(Path.GetTempPath(), "cme-web-keys");
        services.AddDataProtection()
            .SetApplicationName("Cme.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(keysPath));

        services.AddCascadingAuthenticationState();
        services.AddScoped<TokenRefreshCookieEvents>();
        services.AddSingleton<TokenRefreshCoordinator>();
        services.AddSingleton<SignInSessionCheck>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "cme.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/forbidden";
                options.EventsType = typeof(TokenRefreshCookieEvents);
            });
        services.AddAuthorization();
        services.AddAntiforgery(options => options.Cookie.Name = "cme.antiforgery");

        services.AddTransient<BearerTokenHandler>();
        services.AddTransient<AcceptLanguageHandler>();
        services.AddTransient<ForwardUserAgentHandler>();
        services.AddTransient<ForwardedForHandler>();
        services.AddHttpClient<AuthApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<ForwardUserAgentHandler>();
        services.AddHttpClient<SessionsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<MeApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<NotificationsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<InstitutionsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<ProfessionalsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<CoursesApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<ScenarioApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<ReviewApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<LearningApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<OfferingsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<EnrolmentApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<ScheduleApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<TrainersApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<CreditsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<ReportsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<CheckInApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<AttendanceApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<EvaluationsApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<ActivitiesApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        services.AddHttpClient<CertificatesApiClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        // Hangfire's dashboard, passed through: redirects come back to the browser as they are, not followed here.
        services.AddHttpClient<JobDashboardClient>(ConfigureApi)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>();
        // Public verification: no token, whoever is signed in.
        services.AddHttpClient<CertificateVerificationClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AcceptLanguageHandler>();
        // Calendar feeds: no token, the calendar app's request carries only the feed's secret.
        services.AddHttpClient<CalendarFeedClient>(ConfigureApi)
            .AddHttpMessageHandler<ForwardedForHandler>();

        return builder;
    }

    /// <summary>Reads <c>CmeApi:BaseUrl</c> when a client is made, so tests can set it late.</summary>
    private static void ConfigureApi(IServiceProvider services, HttpClient client)
    {
        var baseUrl = services.GetRequiredService<IConfiguration>()["CmeApi:BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
            throw new InvalidOperationException("Set CmeApi:BaseUrl (environment variable CmeApi__BaseUrl) to the Cme.Api address.");
        client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        client.Timeout = TimeSpan.FromSeconds(30);
    }
}
