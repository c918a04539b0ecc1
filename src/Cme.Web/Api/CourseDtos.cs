namespace Cme.Web.Api;

public sealed record Specialty(string Code, string NameZh, string NameEn);

public sealed record VersionRef(Guid Id, int Number, CourseVersionStatus Status);

public sealed record MyCourse(
    Guid Id, string Code, string TitleZh, string? TitleEn, string Specialty, VersionRef? LatestVersion,
    int? PublishedVersionNumber);

/// <summary>What an author writes about a course; <c>code</c> only when it is created.</summary>
public sealed record CourseInput(
    string Code,
    string TitleZh,
    string TitleEn,
    string SummaryZh,
    string SummaryEn,
    string Specialty,
    IReadOnlyList<Profession> TargetProfessions,
    IReadOnlyList<string> LearningObjectives,
    string CreditClass,
    decimal CreditValue,
    ProjectLevel ProjectLevel,
    IReadOnlyList<Guid> CoAuthorIds);

public sealed record CourseUpdate(
    string TitleZh,
    string TitleEn,
    string SummaryZh,
    string SummaryEn,
    string Specialty,
    IReadOnlyList<Profession> TargetProfessions,
    IReadOnlyList<string> LearningObjectives,
    string CreditClass,
    decimal CreditValue,
    ProjectLevel ProjectLevel,
    IReadOnlyList<Guid> CoAuthorIds);

public sealed record CourseCreated(Guid Id, Guid VersionId);

public sealed record VersionCreated(Guid VersionId);

public sealed record PersonName(Guid? Id, string NameZh, string? NameLatin);

public sealed record CourseVersionSummary(
    Guid Id, int Number, CourseVersionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

public sealed record CourseView(
    Guid Id,
    string Code,
    string TitleZh,
    string? TitleEn,
    string? SummaryZh,
    string? SummaryEn,
    string Specialty,
    IReadOnlyList<Profession>? TargetProfessions,
    IReadOnlyList<string>? LearningObjectives,
    string CreditClass,
    decimal CreditValue,
    ProjectLevel ProjectLevel,
    string? AccreditationNumber,
    PersonName? Owner,
    IReadOnlyList<PersonName>? CoAuthors,
    IReadOnlyList<CourseVersionSummary>? Versions,
    bool IsAuthor,
    bool CanReview)
{
    public CourseVersionSummary? LatestVersion => Versions?.MaxBy(v => v.Number);
}

public sealed record Accreditation(
    string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string? AccreditationNumber,
    DateTimeOffset? AccreditedAt);

/// <summary>A module with its answer keys; <c>Html</c> is a page rendered as the learner's player shows it.</summary>
public sealed record VersionModule(
    Guid Id, int Position, ModuleKind Kind, string Title, string? Markdown, string? Html, Scenario? Scenario, Quiz? Quiz,
    IReadOnlyList<string>? Problems, IReadOnlyList<ModuleIssue>? Issues = null);

/// <summary>A module problem with its code and, for a quiz, the question it is about.</summary>
public sealed record ModuleIssue(string Code, string Message, string? QuestionId);

public sealed record ReviewComment(Guid? ModuleId, string Text, DateTimeOffset At, string? ByName, string? NodeId = null);

public sealed record VersionTransition(
    CourseVersionStatus? From, CourseVersionStatus To, DateTimeOffset At, string? ByName, string? Note);

public sealed record VersionView(
    Guid Id,
    Guid CourseId,
    int Number,
    CourseVersionStatus Status,
    bool IsEditable,
    string? Disclosure,
    Accreditation? Accreditation,
    IReadOnlyList<VersionModule>? Modules,
    IReadOnlyList<ReviewComment>? ReviewComments,
    IReadOnlyList<VersionTransition>? Transitions,
    IReadOnlyDictionary<string, string[]>? SubmissionProblems)
{
    public IReadOnlyList<VersionModule> OrderedModules => (Modules ?? []).OrderBy(m => m.Position).ToList();
}

public sealed record DisclosureInput(string Text);

public sealed record NewModule(ModuleKind Kind, string Title, string? Markdown, Scenario? Scenario, Quiz? Quiz);

public sealed record ModuleUpdate(string Title, string? Markdown, Scenario? Scenario, Quiz? Quiz);

public sealed record ModuleMove(int Position);

public sealed record MediaAsset(Guid Id, string FileName, string ContentType, long Size);

public sealed record ReviewItem(
    Guid CourseId, Guid VersionId, string Code, string TitleZh, string? TitleEn, int VersionNumber,
    CourseVersionStatus Status, DateTimeOffset? SubmittedAt, string? OwnerName);

public sealed record ChangeComment(Guid? ModuleId, string Text, string? NodeId = null);

public sealed record RequestChanges(IReadOnlyList<ChangeComment> Comments);

public sealed record AccreditInput(string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string AccreditationNumber);

public sealed record RetireInput(string? Reason);

public enum ContentChange
{
    Unchanged,
    Added,
    Removed,
    Changed,
}

/// <summary>A node or question and which of its fields changed (codes such as <c>narrative</c>, <c>score</c>).</summary>
public sealed record ItemChange(ContentChange Change, string Id, string? Label, IReadOnlyList<string>? Fields);

public sealed record ModuleChange(
    ContentChange Change, ModuleKind Kind, string Title, string? PreviousTitle, int Position, IReadOnlyList<string>? Fields, IReadOnlyList<ItemChange>? Items);

/// <summary>Changes since the previous accredited version; <c>PreviousVersionId</c> is null when there is none.</summary>
public sealed record VersionChanges(Guid? PreviousVersionId, int? PreviousNumber, IReadOnlyList<ModuleChange>? Modules);
