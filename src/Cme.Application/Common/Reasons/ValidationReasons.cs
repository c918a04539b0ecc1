using Cme.Domain.Common;
using FluentValidation;
using FluentValidation.Results;

namespace Cme.Application.Common.Reasons;

/// <summary>
/// FluentValidation failures as <see cref="Reason"/>s. A rule of ours names its reason with
/// <see cref="WithReason{T, TProperty}"/>; a built-in rule (NotEmpty, MaximumLength…) keeps FluentValidation's
/// own message, which it wrote in the request's language, as the prepared text.
/// </summary>
public static class ValidationReasons
{
    public static IRuleBuilderOptions<T, TProperty> WithReason<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string code, object? values = null) =>
        rule.WithErrorCode(code).WithMessage(code).WithState(_ => Reason.Of(code, values));

    public static Reason Of(ValidationFailure failure) =>
        failure.CustomState is Reason reason
            ? reason
            : Reason.Of($"validation.{failure.ErrorCode}", new Dictionary<string, object?> { [ReasonText.Prepared] = failure.ErrorMessage });
}
