using Cme.Application.Common.Messaging;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Reasons;
using Cme.Domain.Common;
using FluentValidation;

namespace Cme.Application.Common.Behaviours;

/// <summary>Runs every FluentValidation validator of the request; any failure is a 400 with field errors.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : Mediator.IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull, Mediator.IMessage
{
    public async ValueTask<TResponse> Handle(TRequest request, Mediator.MessageHandlerDelegate<TRequest, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
        {
            var errors = failures
                .GroupBy(f => FieldName(f.PropertyName), ValidationReasons.Of)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<Reason>)[.. g.DistinctBy(r => r.Code)]);
            throw new RequestValidationException(errors);
        }
        return await next(request, cancellationToken);
    }

    /// <summary>JSON field names are camelCase: "Roles[0]" becomes "roles[0]", "Address.City" "address.city".</summary>
    internal static string FieldName(string propertyName) =>
        string.Join('.', propertyName.TrimStart('.').Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
