using System.Text.RegularExpressions;
using Cme.Domain.Common;

namespace Cme.Domain.Institutions;

/// <summary>A member institution of the consortium.</summary>
public sealed partial class Institution : Entity
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;

    private Institution() { }

    public Institution(Guid consortiumId, string code, string name, string nameEn, InstitutionTier tier, string region)
    {
        ConsortiumId = consortiumId;
        Code = NormaliseCode(code);
        Rename(name, nameEn);
        Classify(tier, region);
    }

    public Guid ConsortiumId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public InstitutionTier Tier { get; private set; }

    /// <summary>The district or county, e.g. 武侯区.</summary>
    public string Region { get; private set; } = "";

    public void Rename(string name, string nameEn)
    {
        Name = Guard.Required(name, "name", NameMaxLength);
        NameEn = Guard.Required(nameEn, "nameEn", NameMaxLength);
    }

    public void Classify(InstitutionTier tier, string region)
    {
        if (!Enum.IsDefined(tier))
            throw new DomainException("institution.tier-unknown", new { tier });
        Tier = tier;
        Region = Guard.Required(region, "region", RegionMaxLength);
    }

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code.Trim());

    private static string NormaliseCode(string code)
    {
        if (!IsValidCode(code))
            throw new DomainException("institution.code-invalid");
        return code.Trim().ToUpperInvariant();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();
}
