using System.Globalization;
using Cme.Web.Api;
using Cme.Web.Components.Shared;

namespace Cme.Web.Components.Pages.Admin.Offerings;

/// <summary>
/// The offering form as posted. Checkbox sets are keyed dictionaries (<c>Form.AudienceProfessions[Nurse]=true</c>);
/// flags default to false because an unchecked box posts nothing, so <see cref="ForNew"/> sets the defaults.
/// Enrolment opens and closes are datetime-local values in the consortium's time zone.
/// </summary>
public sealed class OfferingForm
{
    private static readonly char[] RegionSeparators = [',', '，', '、', ';', '；', '\n'];

    public string? CourseId { get; set; }

    public string? Title { get; set; }

    public Modality Modality { get; set; }

    public string? HostInstitutionId { get; set; }

    /// <summary>Null when the post has no box checked.</summary>
    public Dictionary<string, bool>? AudienceInstitutions { get; set; }

    public string? AudienceRegions { get; set; }

    public Dictionary<string, bool>? AudienceProfessions { get; set; }

    public int Capacity { get; set; }

    public string? OpensAt { get; set; }

    public string? ClosesAt { get; set; }

    public bool WaitlistEnabled { get; set; }

    public decimal? MinAttendancePercent { get; set; }

    public decimal? PostTestPassPercent { get; set; }

    public bool ScenarioPassRequired { get; set; }

    public bool EvaluationRequired { get; set; }

    public bool QualifiesTrainers { get; set; }

    /// <summary>The time zone of an existing offering, kept as it is.</summary>
    public string? TimeZone { get; set; }

    public static OfferingForm ForNew(DateTimeOffset now)
    {
        var opens = ZonedTime.ToLocal(now, null).Date.AddDays(1);
        return new OfferingForm
        {
            Modality = Modality.FaceToFace,
            Capacity = 50,
            OpensAt = opens.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ClosesAt = opens.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            WaitlistEnabled = true,
            MinAttendancePercent = 75,
            PostTestPassPercent = null, // only a course version with a post-test can have a pass mark
            ScenarioPassRequired = true,
        };
    }

    public static OfferingForm From(OfferingView offering) => new()
    {
        CourseId = offering.CourseId.ToString(),
        Title = offering.Title,
        Modality = offering.Modality,
        HostInstitutionId = offering.HostInstitutionId.ToString(),
        AudienceInstitutions = (offering.Audience.InstitutionIds ?? []).ToDictionary(id => id.ToString(), _ => true, StringComparer.OrdinalIgnoreCase),
        AudienceRegions = string.Join("、", offering.Audience.Regions ?? []),
        AudienceProfessions = (offering.Audience.Professions ?? []).ToDictionary(p => p.ToString(), _ => true, StringComparer.OrdinalIgnoreCase),
        Capacity = offering.Capacity,
        OpensAt = ZonedTime.ToInput(offering.EnrolmentOpensAt, offering.TimeZone),
        ClosesAt = ZonedTime.ToInput(offering.EnrolmentClosesAt, offering.TimeZone),
        WaitlistEnabled = offering.WaitlistEnabled,
        MinAttendancePercent = offering.CompletionRule.MinAttendancePercent,
        PostTestPassPercent = offering.CompletionRule.PostTestPassPercent,
        ScenarioPassRequired = offering.CompletionRule.ScenarioPassRequired,
        EvaluationRequired = offering.CompletionRule.EvaluationRequired,
        QualifiesTrainers = offering.QualifiesTrainers,
        TimeZone = offering.TimeZone,
    };

    public bool HasInstitution(Guid id) => IsChecked(AudienceInstitutions, id.ToString());

    public bool HasProfession(Profession profession) => IsChecked(AudienceProfessions, profession.ToString());

    public Guid? ParsedCourseId => Guid.TryParse(CourseId, out var id) ? id : null;

    /// <summary>The API's input, or the field (as the API names it) whose value cannot be read here.</summary>
    public (OfferingInput? Input, string? BadField) ToInput()
    {
        if (!Guid.TryParse(HostInstitutionId, out var host))
            return (null, "hostInstitutionId");
        if (!ZonedTime.TryParseLocal(OpensAt, out var opens))
            return (null, "enrolmentOpensAt");
        if (!ZonedTime.TryParseLocal(ClosesAt, out var closes))
            return (null, "enrolmentClosesAt");

        var institutions = (AudienceInstitutions ?? []).Where(p => p.Value).Select(p => Guid.TryParse(p.Key, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        var professions = (AudienceProfessions ?? []).Where(p => p.Value).Select(p => Enum.TryParse<Profession>(p.Key, out var value) ? value : (Profession?)null)
            .OfType<Profession>().ToList();
        var regions = (AudienceRegions ?? "").Split(RegionSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct().ToList();

        var zone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim();
        return (new OfferingInput(Title?.Trim() ?? "", Modality, host, institutions, regions, professions, Capacity,
            ZonedTime.ToUtc(opens, zone), ZonedTime.ToUtc(closes, zone), WaitlistEnabled, MinAttendancePercent, PostTestPassPercent,
            ScenarioPassRequired, EvaluationRequired, QualifiesTrainers, zone), null);
    }

    private static bool IsChecked(Dictionary<string, bool>? boxes, string key) =>
        boxes is not null && boxes.Any(b => b.Value && string.Equals(b.Key, key, StringComparison.OrdinalIgnoreCase));
}
