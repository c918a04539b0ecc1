using Cme.Web.Auth;
using Cme.Web.Components;
using Cme.Web.Endpoints;
using Cme.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCmeWeb();

var app = builder.Build();

// The browser's address, as the API's limits will see it: X-Forwarded-For only from this server's own proxies
// (Cme:Security:KnownProxies / KnownNetworks; none by default).
app.UseForwardedHeaders(Cme.Hosting.TrustedProxies.Options(app.Configuration));

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.UseReExecutionAsGet();
app.UseSecurityHeaders();

// Static files before authentication: a stylesheet request must not trigger a token refresh.
app.UseStaticFiles();

app.UseRequestLocalization(CmeCultures.CreateOptions());
app.UseAuthentication();
app.UseAuthorization();
app.UseSignInGateRedirect();
app.UseMiddleware<ApiAccessFailureMiddleware>();
app.UseAntiforgery();

app.MapHealthChecks("/health/live");
app.MapAccountEndpoints();
app.MapCourseFileEndpoints();
app.MapCalendarFileEndpoints();
app.MapReportFileEndpoints();
app.MapCheckInCodeEndpoints();
app.MapActivityEvidenceEndpoints();
app.MapTrainerApplicationEvidenceEndpoints();
app.MapCertificateFileEndpoints();
app.MapEvaluationFileEndpoints();
app.MapJobDashboardProxy();
app.MapRazorComponents<App>();

app.Run();

/// <summary>Lets tests start this app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
