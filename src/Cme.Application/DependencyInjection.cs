using System.Reflection;
using Cme.Application.Common.Behaviours;
using Cme.Application.Common.Messaging;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();
        services.AddScoped<ISender, Sender>();

        // Outermost first: who may ask, is the input sound, name the action, one transaction.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(IValidator<>))
                    services.AddScoped(contract, type);
            }
        }
        services.AddScoped<Certificates.CertificateIssuer>();
        services.AddSingleton<Certificates.CertificateWork>();
        services.AddSingleton<Attendance.CompletionSweep>();

        // FluentValidation's own messages follow the request culture (zh-CN by default, see the API).
        ValidatorOptions.Global.LanguageManager.Enabled = true;
        return services;
    }
}
