using System.Diagnostics;
using Cme.Application;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Bench;

/// <summary>
/// The request pipeline's own cost: a query whose handler reads no database (the specialties list) sent
/// through ISender (authorization, validation, audit and unit-of-work behaviours, handler resolution),
/// against the baseline of computing the same list inline, in the same run. Prints ns per request for
/// both, the difference (the pipeline's cost) and their ratio.
/// </summary>
internal static class PipelineCost
{
    public static async Task<int> RunAsync(int requests)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddApplication();
        services.AddScoped<ICurrentUser, BenchUser>();
        services.AddScoped<IAuditContext, BenchAudit>();
        services.AddScoped<IUnitOfWork, BenchUnitOfWork>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });

        var list = 0;
        long baseline = 0, pipeline = 0;
        for (var round = 0; round < 3; round++) // the first round warms up; the last two are kept
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < requests; i++)
                list += Specialties.All.Select(s => new SpecialtyView(s.Key, s.Value.Zh, s.Value.En)).ToList().Count;
            var b = watch.ElapsedTicks;

            watch.Restart();
            for (var i = 0; i < requests; i++)
            {
                await using var scope = provider.CreateAsyncScope(); // one scope per request, as ASP.NET Core makes
                list += (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListSpecialties())).Count;
            }
            var p = watch.ElapsedTicks;
            if (round > 0)
                (baseline, pipeline) = (baseline + b, pipeline + p);
        }
        var perBaseline = baseline * 1e9 / Stopwatch.Frequency / (2.0 * requests);
        var perPipeline = pipeline * 1e9 / Stopwatch.Frequency / (2.0 * requests);
        Console.WriteLine($"pipeline: {requests:N0} requests x 2 rounds (checksum {list})");
        Console.WriteLine($"baseline (the handler's work inline): {perBaseline:N0} ns per request");
        Console.WriteLine($"through ISender (scope, behaviours, handler): {perPipeline:N0} ns per request");
        Console.WriteLine($"the pipeline's own cost: {perPipeline - perBaseline:N0} ns per request; ratio {perPipeline / perBaseline:0.00}");
        return 0;
    }

    private sealed class BenchUser : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public Guid? UserId { get; } = Guid.NewGuid();
        public string? UserName => "bench";
        public Guid? ProfessionalId { get; } = Guid.NewGuid();
        public Guid? InstitutionId => null;
        public IReadOnlyCollection<string> Roles { get; } = ["Learner"];
        public bool IsInRole(string role) => Roles.Contains(role);
        public IReadOnlyCollection<string> Gates { get; } = [];
    }

    private sealed class BenchAudit : IAuditContext
    {
        public string? Action { get; set; }
    }

    private sealed class BenchUnitOfWork : IUnitOfWork
    {
        public Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => work();
    }
}
