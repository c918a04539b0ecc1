namespace Cme.Domain.Offerings;

public enum Modality
{
    /// <summary>线上自学</summary>
    SelfPaced,
    /// <summary>线下面授</summary>
    FaceToFace,
    /// <summary>远程直播 / 远程会诊教学查房</summary>
    RemoteLive,
    /// <summary>混合式</summary>
    Blended,
}

public enum SessionType
{
    /// <summary>讲座</summary>
    Lecture,
    /// <summary>工作坊</summary>
    Workshop,
    /// <summary>病例讨论</summary>
    CaseDiscussion,
    /// <summary>远程会诊教学查房</summary>
    RemoteTeachingRound,
    /// <summary>技能操作</summary>
    SkillsPractice,
}

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

public enum EnrolmentStatus
{
    Enrolled,
    Waitlisted,
    Cancelled,
    /// <summary>Completed the offering (recorded by an administrator, or by the completion rule).</summary>
    Completed,
}

/// <summary>What a learner must do to complete an offering; evaluated by the credits issue.</summary>
public sealed record CompletionRule(
    decimal? MinAttendancePercent, decimal? PostTestPassPercent, bool ScenarioPassRequired, bool EvaluationRequired)
{
    public static readonly CompletionRule Default = new(75, 60, true, false);
}

/// <summary>Who may enrol: empty lists mean no restriction of that kind.</summary>
public sealed record Audience(IReadOnlyList<Guid> InstitutionIds, IReadOnlyList<string> Regions, IReadOnlyList<Professionals.Profession> Professions)
{
    public static readonly Audience Everyone = new([], [], []);

    public bool Admits(Guid institutionId, string region, Professionals.Profession profession) =>
        (InstitutionIds.Count == 0 || InstitutionIds.Contains(institutionId))
        && (Regions.Count == 0 || Regions.Contains(region))
        && (Professions.Count == 0 || Professions.Contains(profession));
}
