using Cme.Domain.Common;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;

namespace Cme.Domain.Tests.Offerings;

public sealed class SchedulingRulesTests
{
    private static readonly Guid Wch = Guid.NewGuid(), Fangcao = Guid.NewGuid();

    private static Session SessionAt(DateTime local, int minutes = 120, Guid? institution = null) =>
        new(Guid.NewGuid(), new SessionDetails("讲座", SessionType.Lecture, SessionTimes.ToUtc(local, "Asia/Shanghai"),
            SessionTimes.ToUtc(local.AddMinutes(minutes), "Asia/Shanghai"), "Asia/Shanghai", institution ?? Wch, "教室", null));

    private static TrainerProfile Cardiologist(int maxPerMonth = 4) =>
        new(Guid.NewGuid(), Wch, new TrainerDetails(["cardiology"], QualificationLevel.Trainer, new DateOnly(2027, 12, 31), maxPerMonth, []));

    [Fact]
    public void Session_IsStoredInUtc_FromShanghaiLocalTime()
    {
        var session = SessionAt(new DateTime(2026, 12, 5, 14, 0, 0));

        session.StartsAt.ShouldBe(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero));
        session.Minutes.ShouldBe(120);
    }

    [Fact]
    public void Session_EndingBeforeItStarts_IsRefused()
    {
        Should.Throw<DomainException>(() => SessionAt(new DateTime(2026, 12, 5, 14, 0, 0), minutes: -30)).Reason.Code.ShouldBe("session.ends-before-start");
    }

    [Fact]
    public void Reschedule_RecordsWhatChangedAndRaisesTheSequence()
    {
        var session = SessionAt(new DateTime(2026, 12, 5, 14, 0, 0));
        var oldStart = session.StartsAt;

        session.Reschedule(oldStart.AddDays(1), session.EndsAt.AddDays(1), Guid.NewGuid(), DateTimeOffset.UtcNow, "专家出诊调整");

        session.Changes.Single().ShouldSatisfyAllConditions(
            c => c.Kind.ShouldBe("Rescheduled"), c => c.OldStartsAt.ShouldBe(oldStart), c => c.NewStartsAt.ShouldBe(oldStart.AddDays(1)));
        session.Sequence.ShouldBe(1);
    }

    [Fact]
    public void MonthlyLimit_CountsMonthsInLocalTime()
    {
        var trainer = Cardiologist(maxPerMonth: 1);
        var december = SessionAt(new DateTime(2026, 12, 20, 9, 0, 0));
        // 1 December 01:00 in Chengdu is still 30 November in UTC: it is a December session.
        var earlyFirst = SessionAt(new DateTime(2026, 12, 1, 1, 0, 0));
        var booked = new BookedSession(earlyFirst.Id, earlyFirst.Title, earlyFirst.StartsAt, earlyFirst.EndsAt, Wch);

        var problems = AssignmentCheck.Check(trainer, "cardiology", december, [booked], TimeSpan.FromMinutes(60));

        problems.Select(p => p.Check).ShouldBe([AssignmentCheck.MonthlyLimit]);
    }

    [Fact]
    public void TravelBuffer_AppliesOnlyBetweenDifferentInstitutions()
    {
        var trainer = Cardiologist();
        var morning = SessionAt(new DateTime(2026, 12, 8, 9, 0, 0));
        var booked = new BookedSession(morning.Id, morning.Title, morning.StartsAt, morning.EndsAt, Wch);
        var sameBuildingRightAfter = SessionAt(new DateTime(2026, 12, 8, 11, 0, 0), institution: Wch);
        var elsewhereRightAfter = SessionAt(new DateTime(2026, 12, 8, 11, 30, 0), institution: Fangcao);

        AssignmentCheck.Check(trainer, "cardiology", sameBuildingRightAfter, [booked], TimeSpan.FromMinutes(60)).ShouldBeEmpty();
        AssignmentCheck.Check(trainer, "cardiology", elsewhereRightAfter, [booked], TimeSpan.FromMinutes(60))
            .Single().Check.ShouldBe(AssignmentCheck.Overlap);
    }

    [Fact]
    public void Audience_EmptyListsAdmitEveryone_OtherwiseAllMustMatch()
    {
        var audience = new Audience([], ["武侯区"], [Profession.GeneralPractitioner]);

        Audience.Everyone.Admits(Guid.NewGuid(), "青羊区", Profession.Nurse).ShouldBeTrue();
        audience.Admits(Guid.NewGuid(), "武侯区", Profession.GeneralPractitioner).ShouldBeTrue();
        audience.Admits(Guid.NewGuid(), "武侯区", Profession.Nurse).ShouldBeFalse();
        audience.Admits(Guid.NewGuid(), "青羊区", Profession.GeneralPractitioner).ShouldBeFalse();
    }

    [Fact]
    public void Enrolment_History_RecordsEachStep()
    {
        var by = Guid.NewGuid();
        var waiting = new Enrolment(Guid.NewGuid(), Guid.NewGuid(), seatFree: false, by, DateTimeOffset.UnixEpoch, null);

        waiting.Promote(by, DateTimeOffset.UnixEpoch.AddHours(1));
        waiting.Complete(by, DateTimeOffset.UnixEpoch.AddDays(30), "考核合格");

        waiting.History.Select(h => h.To).ShouldBe([EnrolmentStatus.Waitlisted, EnrolmentStatus.Enrolled, EnrolmentStatus.Completed]);
        Should.Throw<DomainException>(() => waiting.Cancel(by, DateTimeOffset.UnixEpoch, null));
    }
}
