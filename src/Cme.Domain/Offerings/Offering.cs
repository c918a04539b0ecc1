using Cme.Domain.Common;

namespace Cme.Domain.Offerings;

/// <summary>
/// One run of a published course version: how it is taught, where, for whom, how many seats,
/// when people can enrol, and what completing it means.
/// </summary>
public sealed class Offering : Entity
{
    public const int TitleMaxLength = 200;
    public const string DefaultTimeZone = "Asia/Shanghai";

    private Offering() { }

    public Offering(Guid courseId, Guid versionId, OfferingDetails details, Guid createdBy, DateTimeOffset now)
    {
        CourseId = courseId;
        VersionId = versionId;
        CreatedBy = createdBy;
        CreatedAt = now;
        Change(details);
    }

    public Guid CourseId { get; private set; }
    public Guid VersionId { get; private set; }
    public string Title { get; private set; } = "";
    public Modality Modality { get; private set; }
    public Guid HostInstitutionId { get; private set; }
    public Audience Audience { get; private set; } = Audience.Everyone;

    /// <summary>Seats; the waitlist takes the rest when it is on.</summary>
    public int Capacity { get; private set; }

    public DateTimeOffset EnrolmentOpensAt { get; private set; }
    public DateTimeOffset EnrolmentClosesAt { get; private set; }
    public bool WaitlistEnabled { get; private set; }
    public CompletionRule CompletionRule { get; private set; } = CompletionRule.Default;

    /// <summary>Train-the-trainer: completing it makes a learner a candidate for the trainer pool.</summary>
    public bool QualifiesTrainers { get; private set; }

    public string TimeZone { get; private set; } = DefaultTimeZone;
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The end of the last session that the completion sweep has settled completions for. A session
    /// added or moved later than this makes the offering due for the sweep again.
    /// </summary>
    public DateTimeOffset? CompletionSettledThrough { get; private set; }

    /// <summary>The sweep settled every enrolment of the sessions that ended up to <paramref name="lastSessionEnd"/>.</summary>
    public void MarkCompletionSettled(DateTimeOffset lastSessionEnd)
    {
        if (CompletionSettledThrough is null || lastSessionEnd > CompletionSettledThrough)
            CompletionSettledThrough = lastSessionEnd;
    }

    public void Change(OfferingDetails d)
    {
        Title = Guard.Required(d.Title, "title", TitleMaxLength);
        if (!Enum.IsDefined(d.Modality))
            throw new DomainException("offering.modality-unknown", new { modality = d.Modality });
        if (d.HostInstitutionId == Guid.Empty)
            throw new DomainException("offering.host-required");
        if (d.Capacity is < 1 or > 10_000)
            throw new DomainException("offering.capacity-range");
        if (d.EnrolmentClosesAt <= d.EnrolmentOpensAt)
            throw new DomainException("offering.enrolment-window");
        if (d.CompletionRule.MinAttendancePercent is < 0 or > 100 || d.CompletionRule.PostTestPassPercent is < 0 or > 100)
            throw new DomainException("offering.rule-percent");
        Modality = d.Modality;
        HostInstitutionId = d.HostInstitutionId;
        Audience = d.Audience;
        Capacity = d.Capacity;
        EnrolmentOpensAt = d.EnrolmentOpensAt;
        EnrolmentClosesAt = d.EnrolmentClosesAt;
        WaitlistEnabled = d.WaitlistEnabled;
        CompletionRule = d.CompletionRule;
        QualifiesTrainers = d.QualifiesTrainers;
        TimeZone = SessionTimes.Zone(d.TimeZone ?? DefaultTimeZone).Id;
    }

    public bool IsEnrolmentOpen(DateTimeOffset now) => now >= EnrolmentOpensAt && now < EnrolmentClosesAt;
}

public sealed record OfferingDetails(
    string Title, Modality Modality, Guid HostInstitutionId, Audience Audience, int Capacity,
    DateTimeOffset EnrolmentOpensAt, DateTimeOffset EnrolmentClosesAt, bool WaitlistEnabled, CompletionRule CompletionRule,
    bool QualifiesTrainers, string? TimeZone);
