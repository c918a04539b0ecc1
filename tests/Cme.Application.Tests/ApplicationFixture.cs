using Cme.Application;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Infrastructure;
using Cme.Infrastructure.Persistence;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Application.Tests;

/// <summary>The application layer wired to real infrastructure over a fresh database; the caller is a TestUser.</summary>
public sealed class ApplicationFixture : IAsyncLifetime
{
    private readonly CmeDatabase _database = new();
    private ServiceProvider _services = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = new ServiceCollection()
            .AddLogging()
            .AddScoped<TestUser>()
            .AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestUser>())
            .AddApplication()
            .AddInfrastructure(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Cme"] = ConnectionString }).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Sends a request as the demo account with this e-mail (null: nobody signed in), in a scope of its own.</summary>
    public async Task<T> SendAs<T>(string? email, IRequest<T> request)
    {
        await using var scope = _services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<TestUser>();
        if (email is not null)
            await SignInAsync(scope.ServiceProvider, user, email);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    /// <summary>Sends a request as a professional without looking up an account (for many learners at once).</summary>
    public async Task<T> SendAsProfessional<T>(Guid professionalId, Guid institutionId, IRequest<T> request, params string[] roles)
    {
        await using var scope = _services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<TestUser>();
        (user.UserId, user.UserName, user.ProfessionalId, user.InstitutionId) = (Guid.NewGuid(), $"{professionalId}@test", professionalId, institutionId);
        user.RoleList.AddRange(roles.Length == 0 ? [Domain.Professionals.Roles.Learner] : roles);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task SignInAsync(IServiceProvider services, TestUser user, string email)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var professional = await db.Professionals.AsNoTracking().SingleAsync(p => p.UserId == account.Id);
        user.UserId = account.Id;
        user.UserName = email;
        user.ProfessionalId = professional.Id;
        user.InstitutionId = professional.InstitutionId;
        user.RoleList.AddRange(await services.GetRequiredService<IIdentityService>().GetRolesAsync(account.Id, CancellationToken.None));
    }
}
