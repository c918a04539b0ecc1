using Cme.Application.Common.Reasons;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Professionals;

/// <summary>The field rules shared by creating, editing and importing a professional.</summary>
internal static class ProfessionalRules
{
    public static IRuleBuilderOptions<T, string> ChineseName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Professional.NameZhMaxLength);

    public static IRuleBuilderOptions<T, string> LatinName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Professional.NameLatinMaxLength);

    public static IRuleBuilderOptions<T, string> Licence<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Professional.LicenceMaxLength)
            .Must(Professional.IsValidLicence).WithReason("professional.licence-invalid");

    public static IRuleBuilderOptions<T, string> Email<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Professional.EmailMaxLength)
            .Must(Professional.IsValidEmail).WithReason("professional.email-invalid");

    public static IRuleBuilderOptions<T, string> Language<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(Languages.IsSupported).WithReason("professional.language-unknown", new { languages = Languages.All });

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> RoleNames<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotNull().Must(r => r is null || r.All(Roles.IsKnown))
            .WithReason("professional.roles-unknown", new { roles = Roles.All });
}
