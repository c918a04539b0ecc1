using Cme.Domain.Offerings;
using Cme.Domain.Trainers;

namespace Cme.Infrastructure.Seeding;

/// <summary>The demo trainer pool and two offerings of the demo courses, with sessions in the coming weeks.</summary>
internal static class DemoOfferings
{
    public static TrainerProfile Cardiologist(Guid professionalId, Guid institutionId) => new(professionalId, institutionId,
        new TrainerDetails(["cardiology", "general-practice", "emergency"], QualificationLevel.Senior, new DateOnly(2028, 12, 31), 6, []));

    public static TrainerProfile Endocrinologist(Guid professionalId, Guid institutionId) => new(professionalId, institutionId,
        new TrainerDetails(["endocrinology", "general-practice"], QualificationLevel.Senior, new DateOnly(2028, 6, 30), 4, []));

    public static Offering ChestPainClass(Guid courseId, Guid versionId, Guid host, Guid createdBy, DateTimeOffset now) => new(courseId, versionId,
        new OfferingDetails("2026年冬季 基层胸痛处置培训班", Modality.Blended, host, Audience.Everyone, 30, now.AddDays(-7), now.AddDays(30), true,
            CompletionRule.Default with { PostTestPassPercent = null }, false, null), createdBy, now); // the chest-pain course has no post-test

    public static Offering HypoglycaemiaRound(Guid courseId, Guid versionId, Guid host, Guid createdBy, DateTimeOffset now) => new(courseId, versionId,
        new OfferingDetails("社区低血糖 远程教学查房", Modality.RemoteLive, host,
            new Audience([], [], [Domain.Professionals.Profession.GeneralPractitioner, Domain.Professionals.Profession.Nurse]), 20,
            now.AddDays(-3), now.AddDays(21), true, new CompletionRule(80, 60, true, true), false, null), createdBy, now);

    public const string LiveClassTitle = "今日现场工作坊：胸痛心电图判读";

    /// <summary>A class under way now: attendance and the evaluation make it complete (see DemoDataSeeder).</summary>
    public static Offering LiveClass(Guid courseId, Guid versionId, Guid host, Guid createdBy, DateTimeOffset now) => new(courseId, versionId,
        new OfferingDetails(LiveClassTitle, Modality.FaceToFace, host, Audience.Everyone, 30, now.AddDays(-7), now.AddDays(1), true,
            new CompletionRule(75, null, false, true), false, null), createdBy, now);

    /// <summary>The live class's session: started 50 minutes ago, ends <paramref name="minutesLeft"/> minutes from now.</summary>
    public static SessionDetails LiveSession(DateTimeOffset now, int minutesLeft, Guid institution) =>
        new("现场工作坊：心电图判读", SessionType.Workshop, now.AddMinutes(-50), now.AddMinutes(minutesLeft), Offering.DefaultTimeZone, institution,
            "华西医院 第八教学楼 302", null);

    /// <summary>A session on a weekday afternoon some days from now, in Chengdu time.</summary>
    public static SessionDetails At(DateTimeOffset now, int daysAhead, int hour, int minutes, string title, SessionType type, Guid institution,
        string? place, string? joinUrl)
    {
        var day = SessionTimes.ToLocal(now, Offering.DefaultTimeZone).Date.AddDays(daysAhead).AddHours(hour);
        return new SessionDetails(title, type, SessionTimes.ToUtc(day, Offering.DefaultTimeZone),
            SessionTimes.ToUtc(day.AddMinutes(minutes), Offering.DefaultTimeZone), Offering.DefaultTimeZone, institution, place, joinUrl);
    }
}
