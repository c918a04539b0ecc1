using System.Text.Json.Serialization;
using Cme.Api;
using Cme.Api.Endpoints;
using Cme.Api.Http;
using Cme.Application;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Reasons;
using Cme.Infrastructure;
using Cme.Infrastructure.Persistence;
using Cme.Infrastructure.Scheduling;
using Cme.Infrastructure.Seeding;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o =>
{
    o.IncludeScopes = true; // carries RequestId and TraceId of the request
    o.UseUtcTimestamp = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
});

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
// Reminders and other jobs: every instance with the scheduler on is a Hangfire server; one with it off only enqueues (docs/notifications.md).
if (builder.Configuration.GetValue("Cme:Scheduler:Enabled", true))
    builder.Services.AddCmeScheduler(builder.Configuration);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddSingleton<LoginThrottle>();
builder.Services.AddMemoryCache();
builder.Services.AddScoped<SignInSessions>();
builder.Services.AddSingleton<TwoFactorSignInTickets>();

builder.Services
    .AddAuthentication(IdentityConstants.BearerScheme)
    .AddBearerToken(IdentityConstants.BearerScheme, o =>
    {
        o.BearerTokenExpiration = TimeSpan.FromMinutes(30);
        o.RefreshTokenExpiration = TimeSpan.FromDays(14);
    });
builder.Services.AddAuthorization();
builder.Services.AddJobDashboardPolicy();

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    // No NUL or other control character in any string of any body (400 naming the field).
    o.SerializerOptions.Converters.Add(new NoControlCharactersConverter());
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
{
    ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
    ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
    // A bare status (404 for an unknown route, 401 from the bearer handler) still speaks the caller's language.
    if (!ctx.ProblemDetails.Extensions.ContainsKey("code") && ctx.ProblemDetails.Status is { } status)
    {
        ctx.ProblemDetails.Title = ReasonText.Find($"title.{status}") ?? ReasonText.Find("title.other");
        ctx.ProblemDetails.Detail = null;
        ctx.ProblemDetails.Extensions["code"] = $"status.{status}";
    }
});
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

// Public certificate verification is rate-limited per client address (behind the web front end,
// the address it forwards; only the proxies in Cme:Security:KnownProxies/KnownNetworks are trusted).
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(CertificateEndpoints.VerificationRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
        {
            PermitLimit = builder.Configuration.GetValue("Cme:Verification:PermitsPerMinute", 30),
            Window = TimeSpan.FromMinutes(1),
        }));
    o.OnRejected = async (context, ct) =>
    {
        if (context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>() is { } problems)
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = ProblemExceptionHandler.Problem(429, Cme.Domain.Common.Reason.Of("verification.too-many")),
            });
    };
});
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
builder.Services.AddCmeOpenApi();

var app = builder.Build();

if (args.Contains("--print-model-sql"))
{
    // Developer aid for writing a migration: the whole schema as EF Core's model sees it.
    await using var scope = app.Services.CreateAsyncScope();
    Console.WriteLine(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
    return;
}

var seed = app.Configuration.GetValue("Cme:SeedDemoData", false) && !app.Environment.IsProduction();
await app.Services.InitialiseDatabaseAsync(seed, app.Configuration["Cme:DemoPassword"] ?? DemoDataSeeder.DefaultPassword,
    app.Configuration.GetValue("Cme:Demo:LiveClassMinutes", 0));

// X-Forwarded-For is believed only from the proxies configured in Cme:Security (the Web front end is one):
// with none configured no caller can choose the address the per-address limits see.
app.UseForwardedHeaders(Cme.Hosting.TrustedProxies.Options(app.Configuration));
// Chinese first: messages are in zh-CN unless the caller asks for English (Accept-Language: en).
app.UseRequestLocalization(o =>
{
    string[] cultures = ["zh-CN", "en"];
    o.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    o.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider()];
});
// Every answer, errors included: set as the response starts, after the exception handler has cleared the headers.
app.Use(async (context, next) =>
{
    context.Response.OnStarting(static state =>
    {
        ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
        return Task.CompletedTask;
    }, context.Response);
    await next();
});
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseSignInSessions();
app.UseAuthorization();
app.UseSignInGates();
app.UseRateLimiter();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapCmeOpenApi();

app.MapAuthEndpoints();
app.MapPasswordEndpoints();
app.MapTwoFactorEndpoints();
app.MapMeEndpoints();
app.MapInstitutionEndpoints();
app.MapProfessionalEndpoints();
app.MapCourseEndpoints();
app.MapReviewEndpoints();
app.MapLearningEndpoints();
app.MapOfferingEndpoints();
app.MapTrainerEndpoints();
app.MapCalendarEndpoints();
app.MapCreditEndpoints();
app.MapAttendanceEndpoints();
app.MapEvaluationEndpoints();
app.MapReportEndpoints();
app.MapCertificateEndpoints();
app.MapNotificationEndpoints();
app.MapJobEndpoints();
app.MapJobDashboard(app.Configuration);

app.Run();

public partial class Program;
