using System.Text.RegularExpressions;
using Cme.Domain.Common;
using Cme.Domain.Professionals;

namespace Cme.Domain.Courses;

/// <summary>
/// A CME course: what it teaches and how it is accredited. Its content lives in versions; only
/// its authors edit it, and only a CmeAdmin who is not one of them accredits it.
/// </summary>
public sealed partial class Course : Entity
{
    public const int CodeMaxLength = 32;
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 2000;
    public const int ObjectiveMaxLength = 300;
    public const int MaxObjectives = 20;
    public const int AccreditationNumberMaxLength = 64;
    public const decimal MaxCreditValue = 50m;

    private readonly List<CourseVersion> _versions = [];
    private List<Profession> _targetProfessions = [];
    private List<string> _learningObjectives = [];
    private List<Guid> _coAuthorIds = [];

    private Course() { }

    public Course(Guid ownerId, CourseDetails details, DateTimeOffset now)
    {
        OwnerId = ownerId;
        Code = NormaliseCode(details.Code);
        CreatedAt = now;
        Describe(details);
        _versions.Add(new CourseVersion(Id, 1, now));
    }

    public string Code { get; private set; } = "";
    public string TitleZh { get; private set; } = "";
    public string TitleEn { get; private set; } = "";
    public string SummaryZh { get; private set; } = "";
    public string SummaryEn { get; private set; } = "";
    public string Specialty { get; private set; } = "";
    public IReadOnlyList<Profession> TargetProfessions => _targetProfessions;
    public IReadOnlyList<string> LearningObjectives => _learningObjectives;

    /// <summary>The credit class, value and level the authors propose; a CmeAdmin confirms them at accreditation.</summary>
    public string CreditClass { get; private set; } = CreditClasses.ClassII;

    public decimal CreditValue { get; private set; }
    public ProjectLevel ProjectLevel { get; private set; }

    /// <summary>Set when a version is accredited.</summary>
    public string? AccreditationNumber { get; private set; }

    public Guid OwnerId { get; private set; }
    public IReadOnlyList<Guid> CoAuthorIds => _coAuthorIds;
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<CourseVersion> Versions => _versions.OrderBy(v => v.Number).ToList();

    public CourseVersion? PublishedVersion => _versions.SingleOrDefault(v => v.Status == CourseVersionStatus.Published);
    public CourseVersion LatestVersion => _versions.MaxBy(v => v.Number)!;

    public bool IsAuthor(Guid professionalId) => OwnerId == professionalId || _coAuthorIds.Contains(professionalId);

    public void Describe(CourseDetails details)
    {
        TitleZh = Guard.Required(details.TitleZh, "titleZh", TitleMaxLength);
        TitleEn = Guard.Required(details.TitleEn, "titleEn", TitleMaxLength);
        SummaryZh = Guard.Required(details.SummaryZh, "summaryZh", SummaryMaxLength);
        SummaryEn = Guard.Required(details.SummaryEn, "summaryEn", SummaryMaxLength);
        if (!Specialties.IsKnown(details.Specialty))
            throw new DomainException("course.specialty-unknown", new { specialty = details.Specialty });
        Specialty = details.Specialty;
        if (details.TargetProfessions.Count == 0)
            throw new DomainException("course.professions-required");
        _targetProfessions = [.. details.TargetProfessions.Distinct()];
        if (details.LearningObjectives.Count is 0 or > MaxObjectives)
            throw new DomainException("course.objectives-count", new { max = MaxObjectives });
        _learningObjectives = [.. details.LearningObjectives.Select(o => Guard.Required(o, "learningObjective", ObjectiveMaxLength))];
        (CreditClass, CreditValue, ProjectLevel) = CheckCredit(details.CreditClass, details.CreditValue, details.ProjectLevel);
        if (details.CoAuthorIds.Contains(OwnerId))
            throw new DomainException("course.owner-as-coauthor");
        _coAuthorIds = [.. details.CoAuthorIds.Distinct()];
    }

    public void Submit(Guid versionId, Guid by, DateTimeOffset now)
    {
        EnsureAuthor(by);
        Version(versionId).Submit(by, now);
    }

    public void RequestChanges(Guid versionId, Guid reviewer, DateTimeOffset now, IReadOnlyList<(Guid? ModuleId, string? NodeId, string Text)> comments)
    {
        EnsureNotAuthor(reviewer, "review");
        Version(versionId).RequestChanges(reviewer, now, comments);
    }

    public void Accredit(Guid versionId, Guid reviewer, DateTimeOffset now, string creditClass, decimal creditValue, ProjectLevel level, string accreditationNumber)
    {
        EnsureNotAuthor(reviewer, "accredit");
        var (cls, value, lvl) = CheckCredit(creditClass, creditValue, level);
        var number = Guard.Required(accreditationNumber, "accreditationNumber", AccreditationNumberMaxLength);
        Version(versionId).Accredit(new Accreditation(cls, value, lvl, number, reviewer, now));
        (CreditClass, CreditValue, ProjectLevel, AccreditationNumber) = (cls, value, lvl, number);
    }

    /// <summary>Publishes an accredited version; the version it replaces is retired (learners who started it keep it).</summary>
    public void Publish(Guid versionId, Guid by, DateTimeOffset now)
    {
        var version = Version(versionId);
        var previous = PublishedVersion;
        version.Publish(by, now);
        previous?.Retire(by, now, $"Replaced by version {version.Number}");
    }

    public void Retire(Guid versionId, Guid by, DateTimeOffset now, string? reason) => Version(versionId).Retire(by, now, reason);

    /// <summary>Starts editing again: a new draft copied from the latest version.</summary>
    public CourseVersion StartNewVersion(Guid by, DateTimeOffset now)
    {
        EnsureAuthor(by);
        if (_versions.Any(v => v.IsEditable || v.Status is CourseVersionStatus.Submitted or CourseVersionStatus.Accredited))
            throw new CourseVersionStateException("course.version-in-progress");
        var draft = LatestVersion.CopyAsDraft(LatestVersion.Number + 1, now);
        _versions.Add(draft);
        return draft;
    }

    public CourseVersion Version(Guid versionId) =>
        _versions.FirstOrDefault(v => v.Id == versionId) ?? throw new DomainException("course.version-unknown", new { versionId });

    public void EnsureAuthor(Guid professionalId)
    {
        if (!IsAuthor(professionalId))
            throw new NotAnAuthorException();
    }

    private void EnsureNotAuthor(Guid reviewer, string action)
    {
        if (IsAuthor(reviewer))
            throw new DomainException("review.author-cannot-decide", new { action });
    }

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code.Trim());

    public static bool IsValidCreditValue(decimal value) => value > 0 && value <= MaxCreditValue && value * 2 == decimal.Truncate(value * 2);

    private static (string, decimal, ProjectLevel) CheckCredit(string creditClass, decimal value, ProjectLevel level)
    {
        if (!CreditClasses.All.Contains(creditClass))
            throw new DomainException("credit-class.unknown", new { classes = CreditClasses.All });
        if (!IsValidCreditValue(value))
            throw new DomainException("credit-value.invalid", new { max = MaxCreditValue });
        if (!Enum.IsDefined(level))
            throw new DomainException("project-level.unknown", new { level });
        return (creditClass, value, level);
    }

    private static string NormaliseCode(string code)
    {
        if (!IsValidCode(code))
            throw new DomainException("course.code-invalid");
        return code.Trim().ToUpperInvariant();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{2,31}$")]
    private static partial Regex CodePattern();
}

/// <summary>What authors say about a course.</summary>
public sealed record CourseDetails(
    string Code, string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
    IReadOnlyList<Profession> TargetProfessions, IReadOnlyList<string> LearningObjectives,
    string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, IReadOnlyList<Guid> CoAuthorIds);

/// <summary>Only the course's own authors may do this (403).</summary>
public sealed class NotAnAuthorException() : DomainException("course.not-author");
