namespace Cme.Web.Api;

/// <summary>待审核, 已认可, 未认可.</summary>
public enum ActivityStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>The credit sources a learner may claim for learning done elsewhere.</summary>
public static class ActivityKinds
{
    public static IReadOnlyList<string> All { get; } = ["Conference", "SelfStudy", "StudyPlacement", "Publication"];
}

/// <summary>Learning done elsewhere, with its evidence file and the decision on it.</summary>
public sealed record ActivityView(
    Guid Id, Guid LearnerId, string NameZh, string? InstitutionName, string Kind, string Title, DateOnly StartDate, DateOnly EndDate,
    decimal Hours, decimal ClaimedCredits, string CreditClass, string EvidenceFileName, ActivityStatus Status, DateTimeOffset SubmittedAt,
    string? Comment, decimal? AwardedCredits, string? CappedByPolicy = null);

/// <summary>What the learner fills in; sent as a multipart form with the evidence file.</summary>
public sealed record ActivityInput(
    string Kind, string Title, DateOnly StartDate, DateOnly EndDate, decimal Hours, decimal ClaimedCredits, string CreditClass);

public sealed record ActivitySubmitted(Guid Id);

public sealed record ActivityDecisionRequest(string? Comment, decimal? AwardedCredits = null);
