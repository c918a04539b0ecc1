using Cme.Web.Api;

namespace Cme.Web.Components.Pages.Admin.Staff;

/// <summary>
/// The staff form as posted. Role flags default to false because an unchecked box posts nothing;
/// defaults for a new person are set in <see cref="ForNew"/>, which only a GET uses.
/// </summary>
public sealed class StaffForm
{
    public string? NameZh { get; set; }

    public string? NameLatin { get; set; }

    public string? LicenceNumber { get; set; }

    public Profession Profession { get; set; }

    public TitleLevel TitleLevel { get; set; }

    public string? InstitutionId { get; set; }

    public string? Email { get; set; }

    public string PreferredLanguage { get; set; } = ProfileLanguages.Chinese;

    public bool Learner { get; set; }

    public bool Author { get; set; }

    public bool Trainer { get; set; }

    public bool CmeAdmin { get; set; }

    public bool InstitutionAdmin { get; set; }

    public static StaffForm ForNew(Guid? institutionId) => new()
    {
        Profession = Profession.GeneralPractitioner,
        TitleLevel = TitleLevel.Junior,
        InstitutionId = institutionId?.ToString(),
        Learner = true,
    };

    public static StaffForm From(ProfessionalDetails professional)
    {
        var roles = professional.Roles ?? [];
        return new StaffForm
        {
            NameZh = professional.NameZh,
            NameLatin = professional.NameLatin,
            LicenceNumber = professional.LicenceNumber,
            Profession = professional.Profession,
            TitleLevel = professional.TitleLevel,
            InstitutionId = professional.InstitutionId.ToString(),
            Email = professional.Email,
            PreferredLanguage = professional.PreferredLanguage ?? ProfileLanguages.Chinese,
            Learner = roles.Contains(CmeRoles.Learner),
            Author = roles.Contains(CmeRoles.Author),
            Trainer = roles.Contains(CmeRoles.Trainer),
            CmeAdmin = roles.Contains(CmeRoles.CmeAdmin),
            InstitutionAdmin = roles.Contains(CmeRoles.InstitutionAdmin),
        };
    }

    public Guid? ParsedInstitutionId => Guid.TryParse(InstitutionId, out var id) ? id : null;

    public IReadOnlyList<string> Roles =>
        new (bool Held, string Role)[]
        {
            (Learner, CmeRoles.Learner),
            (Author, CmeRoles.Author),
            (Trainer, CmeRoles.Trainer),
            (CmeAdmin, CmeRoles.CmeAdmin),
            (InstitutionAdmin, CmeRoles.InstitutionAdmin),
        }.Where(r => r.Held).Select(r => r.Role).ToList();

    public CreateProfessionalRequest ToCreateRequest(Guid institutionId) => new(
        Trim(NameZh), Trim(NameLatin), Profession, TitleLevel, Trim(LicenceNumber), institutionId,
        Trim(Email), Language, Roles);

    public UpdateProfessionalRequest ToUpdateRequest(Guid institutionId) => new(
        Trim(NameZh), Trim(NameLatin), Profession, TitleLevel, institutionId, Trim(Email), Language, Roles);

    private string Language => ProfileLanguages.All.Contains(PreferredLanguage) ? PreferredLanguage : ProfileLanguages.Chinese;

    private static string Trim(string? value) => value?.Trim() ?? "";
}
