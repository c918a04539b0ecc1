using Cme.Domain.Professionals;

namespace Cme.Application.Professionals;

public sealed record ProfessionalSummary(
    Guid Id, string NameZh, string NameLatin, Profession Profession, TitleLevel TitleLevel, string LicenceNumber,
    Guid InstitutionId, string InstitutionName, string Email, IReadOnlyList<string> Roles);

public sealed record ProfessionalDetails(
    Guid Id, string NameZh, string NameLatin, Profession Profession, TitleLevel TitleLevel, string LicenceNumber,
    Guid InstitutionId, string InstitutionName, string Email, string PreferredLanguage, IReadOnlyList<string> Roles,
    bool HasAccount = false, bool SignInDisabled = false);

public sealed record ProfessionalCreated(Guid Id, string TemporaryPassword);
