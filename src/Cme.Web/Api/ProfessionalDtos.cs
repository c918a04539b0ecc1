namespace Cme.Web.Api;

public sealed record ProfessionalSummary(
    Guid Id,
    string NameZh,
    string? NameLatin,
    Profession Profession,
    TitleLevel TitleLevel,
    string LicenceNumber,
    Guid InstitutionId,
    string? InstitutionName,
    string? Email,
    IReadOnlyList<string>? Roles);

public sealed record ProfessionalDetails(
    Guid Id,
    string NameZh,
    string? NameLatin,
    Profession Profession,
    TitleLevel TitleLevel,
    string LicenceNumber,
    Guid InstitutionId,
    string? InstitutionName,
    string? Email,
    string? PreferredLanguage,
    IReadOnlyList<string>? Roles,
    bool HasAccount = false,
    bool SignInDisabled = false);

public sealed record SignInAccessRequest(bool Disabled);

public sealed record CreateProfessionalRequest(
    string NameZh,
    string NameLatin,
    Profession Profession,
    TitleLevel TitleLevel,
    string LicenceNumber,
    Guid InstitutionId,
    string Email,
    string PreferredLanguage,
    IReadOnlyList<string> Roles);

public sealed record ProfessionalCreated(Guid Id, string TemporaryPassword);

public sealed record UpdateProfessionalRequest(
    string NameZh,
    string NameLatin,
    Profession Profession,
    TitleLevel TitleLevel,
    Guid InstitutionId,
    string Email,
    string PreferredLanguage,
    IReadOnlyList<string> Roles);

public sealed record ProfessionalQuery(string? Search, Guid? InstitutionId, int Page, int PageSize);

public sealed record ImportResult(int ImportedCount, IReadOnlyList<ImportedProfessional>? Rows);

public sealed record ImportedProfessional(
    int Row, string LicenceNumber, string NameZh, string? Email, string TemporaryPassword);
