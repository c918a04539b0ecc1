using Cme.Application.Certificates;
using Cme.Application.Common.Interfaces;
using Cme.Infrastructure.Documents;
using Cme.Infrastructure.Identity;
using Cme.Infrastructure.Persistence;
using Cme.Infrastructure.Persistence.Migrations;
using Cme.Infrastructure.Scheduling;
using Cme.Infrastructure.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cme.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Cme")
            ?? throw new InvalidOperationException("The connection string 'Cme' (ConnectionStrings__Cme) is not set.");

        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.AddDbContext<AppDbContext>(options => options.UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddScoped<IAuditContext, AuditContext>();
        services.AddScoped<IOfferingLock, TransactionLocks>();
        services.AddSingleton<ISchedulingSettings>(new SchedulingSettings(configuration));
        services.AddSingleton<ICheckInKey>(new CheckInKey(configuration,
            string.Equals(configuration["ASPNETCORE_ENVIRONMENT"] ?? configuration["environment"], "Production", StringComparison.OrdinalIgnoreCase)));
        services.AddSingleton<ICheckInAttempts>(new CheckInAttempts(connectionString, configuration));
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddSingleton<IDocumentRenderer>(_ => new PdfSharpDocumentRenderer(configuration["Cme:Fonts:Path"]));
        services.AddSingleton<Application.Reports.IAnnualSummaryRenderer, Reports.PdfSharpAnnualSummaryRenderer>();
        services.AddScoped<ICertificateNumbers, CertificateNumbers>();
        services.AddSingleton<ICertificateLinks, CertificateLinks>();
        services.AddNotifications(configuration, connectionString);
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddSingleton(sp => new MigrationRunner(
            connectionString, sp.GetRequiredService<ILogger<MigrationRunner>>(), sp.GetRequiredService<TimeProvider>()));

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length and a list of common passwords (PasswordPolicy), no composition rules.
                options.Password.RequiredLength = PasswordPolicy.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Failures never lock an account (that let anyone lock anyone out): the API's LoginThrottle
                // slows guessing down instead. Lockout stays enabled for new users only so that an
                // administrator can disable an account (LockoutEnd), which sign-in then refuses like a wrong password.
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodeProvider>(TokenOptions.DefaultAuthenticatorProvider);
        PasswordLifecycle.AddTo(services);
        services.AddSingleton<TwoFactorPolicy>();
        return services;
    }

    /// <summary>Applies migrations (under the advisory lock) and, when asked, seeds the demo consortium.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, bool seedDemoData, string demoPassword, int liveClassMinutes = 0,
        CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        if (seedDemoData)
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(demoPassword, liveClassMinutes, cancellationToken);
    }
}
