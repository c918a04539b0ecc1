using System.Text.RegularExpressions;
using Cme.Domain.Common;

namespace Cme.Domain.Professionals;

/// <summary>A health worker of a member institution, with a practising licence.</summary>
public sealed partial class Professional : Entity
{
    public const int NameZhMaxLength = 50;
    public const int NameLatinMaxLength = 100;
    public const int LicenceMaxLength = 32;
    public const int EmailMaxLength = 256;

    private Professional() { }

    public Professional(
        Guid institutionId, string nameZh, string nameLatin, Profession profession, TitleLevel titleLevel,
        string licenceNumber, string email, string preferredLanguage)
    {
        LicenceNumber = NormaliseLicence(licenceNumber);
        Update(institutionId, nameZh, nameLatin, profession, titleLevel, email, preferredLanguage);
    }

    public Guid InstitutionId { get; private set; }
    public string NameZh { get; private set; } = "";
    public string NameLatin { get; private set; } = "";
    public Profession Profession { get; private set; }
    public TitleLevel TitleLevel { get; private set; }

    /// <summary>Practising licence number (执业证书编码); unique across the consortium.</summary>
    public string LicenceNumber { get; private set; } = "";

    public string Email { get; private set; } = "";
    public string PreferredLanguage { get; private set; } = Languages.Chinese;

    /// <summary>The sign-in account of this person, when they have one.</summary>
    public Guid? UserId { get; private set; }

    public void Update(
        Guid institutionId, string nameZh, string nameLatin, Profession profession, TitleLevel titleLevel,
        string email, string preferredLanguage)
    {
        if (institutionId == Guid.Empty)
            throw new DomainException("professional.institution-required");
        if (!Enum.IsDefined(profession))
            throw new DomainException("professional.profession-unknown", new { profession });
        if (!Enum.IsDefined(titleLevel))
            throw new DomainException("professional.title-unknown", new { titleLevel });
        InstitutionId = institutionId;
        NameZh = Guard.Required(nameZh, "nameZh", NameZhMaxLength);
        NameLatin = Guard.Required(nameLatin, "nameLatin", NameLatinMaxLength);
        Profession = profession;
        TitleLevel = titleLevel;
        Email = NormaliseEmail(email);
        ChangeLanguage(preferredLanguage);
    }

    public void ChangeLanguage(string language)
    {
        if (!Languages.IsSupported(language))
            throw new DomainException("professional.language-unknown", new { languages = Languages.All });
        PreferredLanguage = language;
    }

    public void LinkAccount(Guid userId)
    {
        if (UserId is not null && UserId != userId)
            throw new DomainException("professional.has-account");
        UserId = userId;
    }

    public static bool IsValidLicence(string? licence) => licence is not null && LicencePattern().IsMatch(licence.Trim());

    public static bool IsValidEmail(string? email) =>
        email is not null && email.Length <= EmailMaxLength && EmailPattern().IsMatch(email.Trim());

    private static string NormaliseLicence(string licence)
    {
        if (!IsValidLicence(licence))
            throw new DomainException("professional.licence-invalid");
        return licence.Trim().ToUpperInvariant();
    }

    private static string NormaliseEmail(string email)
    {
        if (!IsValidEmail(email))
            throw new DomainException("professional.email-invalid");
        return email.Trim().ToLowerInvariant();
    }

    [GeneratedRegex("^[A-Za-z0-9]{6,32}$")]
    private static partial Regex LicencePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
