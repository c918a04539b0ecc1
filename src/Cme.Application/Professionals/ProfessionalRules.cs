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
            .Must(Professional.IsValidLicence).WithMessage("Licence number must be 6–32 letters or digits.");

    public static IRuleBuilderOptions<T, string> Email<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Professional.EmailMaxLength)
            .Must(Professional.IsValidEmail).WithMessage("E-mail address is not valid.");

    public static IRuleBuilderOptions<T, string> Language<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(Languages.IsSupported).WithMessage("Language must be zh-CN or en.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> RoleNames<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotNull().Must(r => r.All(Roles.IsKnown))
            .WithMessage($"Roles must be among {string.Join(", ", Roles.All)}.");
}
