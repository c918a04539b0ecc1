using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;

namespace Cme.Application.Courses;

/// <summary>What authors say about a course: shared by creating and editing it.</summary>
public interface ICourseFields
{
    string TitleZh { get; }
    string TitleEn { get; }
    string SummaryZh { get; }
    string SummaryEn { get; }
    string Specialty { get; }
    IReadOnlyList<Profession> TargetProfessions { get; }
    IReadOnlyList<string> LearningObjectives { get; }
    string CreditClass { get; }
    decimal CreditValue { get; }
    ProjectLevel ProjectLevel { get; }
    IReadOnlyList<Guid>? CoAuthorIds { get; }
}

internal static class CourseFields
{
    public static CourseDetails ToDetails(this ICourseFields f, string code) => new(code, f.TitleZh, f.TitleEn, f.SummaryZh,
        f.SummaryEn, f.Specialty, f.TargetProfessions ?? [], f.LearningObjectives ?? [], f.CreditClass, f.CreditValue,
        f.ProjectLevel, f.CoAuthorIds ?? []);
}

public sealed record CourseCreated(Guid Id, Guid VersionId);

public sealed record VersionCreated(Guid VersionId);

public sealed record ModuleCreated(Guid Id);

public sealed record PersonName(Guid Id, string NameZh, string NameLatin);

public sealed record VersionSummary(Guid Id, int Number, CourseVersionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

public sealed record CourseView(
    Guid Id, string Code, string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
    IReadOnlyList<Profession> TargetProfessions, IReadOnlyList<string> LearningObjectives, string CreditClass,
    decimal CreditValue, ProjectLevel ProjectLevel, string? AccreditationNumber, PersonName Owner,
    IReadOnlyList<PersonName> CoAuthors, IReadOnlyList<VersionSummary> Versions, bool IsAuthor, bool CanReview);

/// <summary>A module with everything in it; <c>Html</c> is a page as the learner's player renders it (null for other kinds).</summary>
public sealed record ModuleView(
    Guid Id, int Position, ModuleKind Kind, string Title, string? Markdown, string? Html, ScenarioGraph? Scenario, Quiz? Quiz,
    IReadOnlyList<string> Problems, IReadOnlyList<ModuleIssue> Issues);

/// <summary>One of <see cref="ModuleView.Problems"/> with its code and the quiz question it is about, so an editor can show it by the field.</summary>
public sealed record ModuleIssue(string Code, string Message, string? QuestionId);

public sealed record AccreditationView(string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string AccreditationNumber, DateTimeOffset AccreditedAt);

public sealed record ReviewCommentView(Guid? ModuleId, string Text, DateTimeOffset At, string ByName, string? NodeId);

public sealed record TransitionView(CourseVersionStatus From, CourseVersionStatus To, DateTimeOffset At, string ByName, string? Note);

public sealed record VersionView(
    Guid Id, Guid CourseId, int Number, CourseVersionStatus Status, bool IsEditable, string? Disclosure,
    AccreditationView? Accreditation, IReadOnlyList<ModuleView> Modules, IReadOnlyList<ReviewCommentView> ReviewComments,
    IReadOnlyList<TransitionView> Transitions, IReadOnlyDictionary<string, IReadOnlyList<string>> SubmissionProblems);

public sealed record MyCourse(Guid Id, string Code, string TitleZh, string TitleEn, string Specialty, VersionSummary LatestVersion, int? PublishedVersionNumber);

public sealed record SpecialtyView(string Code, string NameZh, string NameEn);
