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
        // Mediator's generated code registers every handler it found at build time (scoped, as they use the
        // request's DbContext) and runs the behaviours in this order, outermost first: who may ask, is the
        // input sound, name the action, one transaction.
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.GenerateTypesAsInternal = true;
            options.PipelineBehaviors =
            [
                typeof(AuthorizationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(AuditBehaviour<,>),
                typeof(UnitOfWorkBehaviour<,>),
            ];
        });
        services.AddScoped<ISender, MediatorSender>();

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                // Our handler interface too: a few handlers build on another's (the transcript PDF on the transcript).
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
