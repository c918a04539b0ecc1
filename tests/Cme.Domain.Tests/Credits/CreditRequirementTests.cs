using Cme.Domain.Common;
using Cme.Domain.Credits;
using Cme.Domain.Institutions;

namespace Cme.Domain.Tests.Credits;

public sealed class CreditRequirementTests
{
    private static CreditPolicy Preset(string code) => PolicyPresets.All().Single(p => p.Code == code);

    private static CreditTotals Totals(decimal classI, decimal classII, decimal hours = 0, decimal selfStudy = 0,
        Dictionary<int, decimal>? national = null, Dictionary<int, decimal>? byYear = null) =>
        new(2026, new Dictionary<string, decimal> { ["I"] = classI, ["II"] = classII },
            new Dictionary<CreditSource, decimal> { [CreditSource.Completion] = classI + classII - selfStudy, [CreditSource.SelfStudy] = selfStudy },
            hours, byYear ?? new() { [2026] = classI + classII }, national ?? []);

    [Fact]
    public void China2006_SaysWhatIsMissingPerClass()
    {
        var evaluation = CreditRequirement.Evaluate(Preset(PolicyPresets.China2006), Totals(classI: 3.5m, classII: 20), InstitutionTier.Primary, yearIsOver: false);

        evaluation.Status.ShouldBe(ComplianceStatus.AtRisk);
        evaluation.Shortfalls.ShouldBe([new Shortfall("credits", "credits", 1.5m, 23.5m, 25m), new Shortfall("class-I", "class", 1.5m, 3.5m, 5m, CreditClass: "I")]);
    }

    [Fact]
    public void China2006_ClassIIAboveItsMaximumDoesNotCount()
    {
        var evaluation = CreditRequirement.Evaluate(Preset(PolicyPresets.China2006), Totals(classI: 5, classII: 30), InstitutionTier.Primary, yearIsOver: true);

        evaluation.CountedCredits.ShouldBe(25m);
        evaluation.Status.ShouldBe(ComplianceStatus.Met);
    }

    [Fact]
    public void China2006_TertiaryStaffNeedTenNationalCreditsInFiveYears()
    {
        var national = new Dictionary<int, decimal> { [2023] = 4, [2026] = 2 };

        var tertiary = CreditRequirement.Evaluate(Preset(PolicyPresets.China2006), Totals(6, 19, national: national), InstitutionTier.Tertiary, yearIsOver: true);
        var primary = CreditRequirement.Evaluate(Preset(PolicyPresets.China2006), Totals(6, 19, national: national), InstitutionTier.Primary, yearIsOver: true);

        tertiary.Status.ShouldBe(ComplianceStatus.NotMet);
        tertiary.Shortfalls.Single().ShouldBe(new Shortfall("window-5y", "window-level", 4, 6, 10, Years: 5, ProjectLevel: "National", FromYear: 2022, ToYear: 2026));
        primary.Status.ShouldBe(ComplianceStatus.Met);
    }

    [Fact]
    public void China2024_NeedsBothCreditsAndStudyHours()
    {
        var evaluation = CreditRequirement.Evaluate(Preset(PolicyPresets.China2024), Totals(10, 16, hours: 72), InstitutionTier.Primary, yearIsOver: true);

        evaluation.Status.ShouldBe(ComplianceStatus.NotMet);
        evaluation.Shortfalls.Single().ShouldBe(new Shortfall("hours", "hours", 18, 72, 90));
    }

    [Fact]
    public void UkRcgp_NeedsFiftyAYearAndTwoHundredFiftyOverFive()
    {
        var byYear = new Dictionary<int, decimal> { [2022] = 50, [2023] = 50, [2024] = 40, [2025] = 50, [2026] = 50 };

        var evaluation = CreditRequirement.Evaluate(Preset(PolicyPresets.UkRcgp), Totals(0, 50, byYear: byYear), InstitutionTier.Primary, yearIsOver: false);

        evaluation.Shortfalls.Single().Code.ShouldBe("window-5y");
        evaluation.Shortfalls.Single().Missing.ShouldBe(10m);
    }

    [Fact]
    public void Ledger_RevocationCompensatesTheAward_AndAdjustmentsNeedAReason()
    {
        var award = CreditLedgerEntry.Award(Guid.NewGuid(), 2, 6, "I", null, CreditSource.Completion, 2026, Guid.NewGuid(), null,
            "completion:x", Guid.NewGuid(), "完成培训", DateTimeOffset.UtcNow);

        var revocation = award.Revoke(Guid.NewGuid(), "考勤记录造假", DateTimeOffset.UtcNow);

        revocation.Credits.ShouldBe(-2m);
        revocation.RevokesId.ShouldBe(award.Id);
        Should.Throw<DomainException>(() => revocation.Revoke(Guid.NewGuid(), "again", DateTimeOffset.UtcNow));
        Should.Throw<DomainException>(() => CreditLedgerEntry.Adjust(Guid.NewGuid(), 1, 0, "II", 2026, Guid.NewGuid(), " ", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void ExternalActivity_ApprovedWithFewerCredits_NeedsAReason_AndNeverMoreThanClaimed()
    {
        var pdf = "%PDF-1.4 test"u8.ToArray();
        ExternalActivity Claim() => new(Guid.NewGuid(), CreditSource.Conference, "年会", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2),
            12, 4, "II", "a.pdf", pdf, DateTimeOffset.UtcNow);

        var reduced = Claim();
        reduced.Approve(Guid.NewGuid(), DateTimeOffset.UtcNow, 2.5m, " 只参加了一天 ", decimal.MaxValue, "CN-2024").ShouldBe(2.5m);
        Should.Throw<DomainException>(() => Claim().Approve(Guid.NewGuid(), DateTimeOffset.UtcNow, 3, " ", decimal.MaxValue, "CN-2024"))
            .Reason.Code.ShouldBe("activity.reduced-needs-reason");
        Should.Throw<DomainException>(() => Claim().Approve(Guid.NewGuid(), DateTimeOffset.UtcNow, 5, "多给", decimal.MaxValue, "CN-2024"))
            .Reason.Code.ShouldBe("activity.awarded-range");
        Should.Throw<DomainException>(() => Claim().Approve(Guid.NewGuid(), DateTimeOffset.UtcNow, 0, "零", decimal.MaxValue, "CN-2024"))
            .Reason.Code.ShouldBe("activity.awarded-range");

        (reduced.AwardedCredits, reduced.Comment, reduced.CappedByPolicy).ShouldBe((2.5m, "只参加了一天", (string?)null));
    }

    [Fact]
    public void ExternalActivity_ApprovalCountsOnlyWhatTheSourceCapLeaves()
    {
        var pdf = "%PDF-1.4 test"u8.ToArray();
        var activity = new ExternalActivity(Guid.NewGuid(), CreditSource.SelfStudy, "自学《内科学》", new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 30),
            40, 6, "II", "plan.pdf", pdf, DateTimeOffset.UtcNow);
        var full = new ExternalActivity(Guid.NewGuid(), CreditSource.SelfStudy, "自学", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2),
            4, 2, "II", "plan.pdf", pdf, DateTimeOffset.UtcNow);

        activity.Approve(Guid.NewGuid(), DateTimeOffset.UtcNow, null, null, remainingUnderCap: 2.5m, "CN-2024").ShouldBe(2.5m);
        activity.CappedByPolicy.ShouldBe("CN-2024");
        Should.Throw<DomainException>(() => full.Approve(Guid.NewGuid(), DateTimeOffset.UtcNow, null, null, remainingUnderCap: 0, "CN-2024")).Reason.Code.ShouldBe("activity.cap-reached");
        Should.Throw<DomainException>(() => new ExternalActivity(Guid.NewGuid(), CreditSource.Conference, "x", new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 3),
            1, 1, "II", "x.pdf", "GIF89a"u8.ToArray(), DateTimeOffset.UtcNow));
    }
}
