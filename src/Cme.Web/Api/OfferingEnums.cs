namespace Cme.Web.Api;

/// <summary>How an offering is taught: 线上自学, 线下面授, 远程直播, 混合式.</summary>
public enum Modality
{
    SelfPaced,
    FaceToFace,
    RemoteLive,
    Blended,
}

/// <summary>讲座, 工作坊, 病例讨论, 远程会诊教学查房, 技能操作.</summary>
public enum SessionType
{
    Lecture,
    Workshop,
    CaseDiscussion,
    RemoteTeachingRound,
    SkillsPractice,
}

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>已报名, 候补, 已取消, 已完成.</summary>
public enum EnrolmentStatus
{
    Enrolled,
    Waitlisted,
    Cancelled,
    Completed,
}

/// <summary>带教培训师, 培训师, 高级培训师.</summary>
public enum QualificationLevel
{
    Associate,
    Trainer,
    Senior,
}

public enum CandidateStatus
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>A schedule item's role as the API sends it.</summary>
public static class ScheduleRoles
{
    public const string Learner = nameof(Learner);
    public const string Trainer = nameof(Trainer);
}

/// <summary>Kinds of recorded session changes as the API sends them.</summary>
public static class SessionChangeKinds
{
    public const string Rescheduled = nameof(Rescheduled);
    public const string Cancelled = nameof(Cancelled);
}
