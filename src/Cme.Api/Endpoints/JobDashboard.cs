using System.Globalization;
using Cme.Domain.Professionals;
using Cme.Infrastructure.Scheduling;
using Hangfire;
using Microsoft.AspNetCore.Identity;

namespace Cme.Api.Endpoints;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>, for the CME office only: the endpoint requires a bearer
/// token of a live CmeAdmin sign-in (anonymous 401, any other role 403, as for every API endpoint). The
/// browser reaches it through the Web (same path), which adds the signed-in user's token. Its own texts
/// follow the request's language (Hangfire ships zh); the jobs carry our titles in that language.
/// </summary>
public static class JobDashboard
{
    public const string Path = "/admin/hangfire";
    public const string Policy = "hangfire-dashboard";

    public static IServiceCollection AddJobDashboardPolicy(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser().RequireRole(Roles.CmeAdmin))
            .Services;

    public static IEndpointConventionBuilder MapJobDashboard(this IEndpointRouteBuilder app, IConfiguration configuration) =>
        app.MapHangfireDashboardWithAuthorizationPolicy(Policy, Path, new DashboardOptions
        {
            DashboardTitle = "任务调度 · Consortium CME",
            // "Back to site" leads to the Web's jobs page (the dashboard is served under the Web's address).
            AppPath = "/admin/jobs",
            DisplayNameFunc = (_, job) => JobCatalog.ForType(configuration, job.Type)?.Title(CultureInfo.CurrentUICulture) ?? job.ToString(),
            // Never show the connection string (Hangfire's default does, in the footer).
            DisplayStorageConnectionString = false,
            // Bearer tokens are not sent by browsers on their own, so a forged form cannot use them; the Web,
            // which holds the cookie, refuses cross-site posts before it adds the token.
            IgnoreAntiforgeryToken = true,
            StatsPollingInterval = 5000,
        });
}
