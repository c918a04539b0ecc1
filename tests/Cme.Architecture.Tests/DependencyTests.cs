using System.Reflection;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;

namespace Cme.Architecture.Tests;

public sealed class DependencyTests
{
    private static readonly Assembly Domain = typeof(Cme.Domain.Common.Entity).Assembly;
    private static readonly Assembly Application = typeof(ISender).Assembly;
    private static readonly Assembly Infrastructure = typeof(Cme.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Cme.Api.Endpoints.AuthEndpoints).Assembly;
    private static readonly Assembly Web = Assembly.Load("Cme.Web");

    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Cme.", StringComparison.Ordinal));

    [Fact]
    public void Domain_DependsOnNothing()
    {
        References(Domain).ShouldBeEmpty();
        Domain.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain(n => n!.StartsWith("Microsoft.EntityFrameworkCore"));
    }

    [Fact]
    public void Application_DependsOnlyOnDomain() => References(Application).ShouldBe(["Cme.Domain"]);

    [Fact]
    public void Infrastructure_DependsOnApplicationAndDomain() =>
        References(Infrastructure).ShouldBe(["Cme.Application", "Cme.Domain"], ignoreOrder: true);

    [Fact]
    public void Api_DoesNotDependOnWeb() => References(Api).ShouldNotContain("Cme.Web");

    [Fact]
    public void Web_TalksToTheApiOnlyOverHttp() => References(Web).ShouldBeEmpty();

    [Fact]
    public void EveryRequestType_DeclaresWhoMaySendIt()
    {
        var requests = Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces()
                .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();

        requests.ShouldNotBeEmpty();
        var withoutRule = requests.Where(t => t.GetCustomAttribute<RequestAuthorizationAttribute>(inherit: false) is null)
            .Select(t => t.FullName).ToList();
        withoutRule.ShouldBeEmpty("Every request type needs [AuthorizeRoles], [Authenticated] or [PublicRequest].");
    }

    [Fact]
    public void EveryRequestType_HasExactlyOneHandler()
    {
        var requests = Application.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces()
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));
        var handled = Application.GetTypes().SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GetGenericArguments()[0]).ToList();

        requests.Where(r => handled.Count(h => h == r) != 1).Select(r => r.Name).ShouldBeEmpty();
    }
}
