using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Learning;
using static Cme.Domain.Courses.Scenarios.ScenarioNodeKind;

namespace Cme.Domain.Tests.Courses;

public sealed class ScenarioGraphTests
{
    /// <summary>A chest-pain case: present → history → decide (refer 10 / ECG first 6 / send home 0, critical) → outcomes.</summary>
    internal static ScenarioGraph ChestPain(decimal passMark = 60) => new(
    [
        new("start", Presentation, "胸痛就诊", "58岁男性，胸骨后压榨性疼痛30分钟。", IsStart: true, NextNodeId: "history",
            VitalSigns: [new("血压", "150/95", "mmHg"), new("心率", "102", "次/分")]),
        new("history", History, "病史", "高血压10年，吸烟30年。", NextNodeId: "decide"),
        new("decide", Decision, "处理决策", "下一步怎么办？", Options:
        [
            new("refer", "立即转诊至胸痛中心", "good", 10, "正确：疑似急性冠脉综合征应立即转诊。"),
            new("ecg", "先做心电图再决定", "ecg", 6, "合理，但不应延误转诊。"),
            new("home", "口服止痛药后回家观察", "bad", 0, "危险：可能延误心梗救治。", CriticalError: true),
        ]),
        new("ecg", Investigation, "心电图", "V1–V4 导联 ST 段抬高。", NextNodeId: "decide2",
            LabResults: [new("肌钙蛋白I", "0.8", "ng/mL", "<0.04", "高")]),
        new("decide2", Decision, "再次决策", "心电图提示前壁心梗。", Options:
        [
            new("refer2", "立即转诊并给予阿司匹林", "good", 4, "正确。"),
        ]),
        new("good", Outcome, "及时救治", "患者经急诊PCI治疗后康复。"),
        new("bad", Outcome, "延误", "患者在家中发生心源性休克。"),
    ], passMark);

    [Fact]
    public void Validate_AWellFormedCase_HasNoViolations()
    {
        ChestPain().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void MaxScore_IsTheBestPathNotTheSumOfAllOptions()
    {
        ChestPain().MaxScore().ShouldBe(10m);
    }

    [Fact]
    public void Validate_ReportsEveryViolationWithNodeIds()
    {
        var graph = new ScenarioGraph(
        [
            new("a", Presentation, "A", "", IsStart: true, NextNodeId: "b"),
            new("b", Decision, "B", "", Options: [new("o1", "to c", "c", 1, ""), new("o2", "to ghost", "ghost", 1, "")]),
            new("c", History, "C", "", NextNodeId: "b"),
            new("d", Examination, "D", "", IsStart: true),
            new("e", Examination, "E", "", NextNodeId: "f"),
            new("f", Outcome, "F", ""),
        ], 50);

        var violations = graph.Validate();

        var codes = violations.Select(v => v.Code).ToList();
        codes.ShouldContain(ScenarioViolation.SeveralStarts);
        codes.ShouldContain(ScenarioViolation.MissingTarget);
        codes.ShouldContain(ScenarioViolation.Cycle);
        codes.ShouldContain(ScenarioViolation.DeadEnd);
        violations.Single(v => v.Code == ScenarioViolation.MissingTarget).NodeIds.ShouldBe(["b"]);
        violations.Single(v => v.Code == ScenarioViolation.Cycle).NodeIds.ShouldBe(["b", "c"], ignoreOrder: true);
        violations.Single(v => v.Code == ScenarioViolation.DeadEnd).NodeIds.ShouldBe(["d"]);
        violations.Single(v => v.Code == ScenarioViolation.SeveralStarts).NodeIds.ShouldBe(["a", "d"]);
    }

    [Fact]
    public void Validate_FindsUnreachableNodesAndMissingStart()
    {
        var orphan = new ScenarioGraph(
        [
            new("a", Presentation, "A", "", IsStart: true, NextNodeId: "z"),
            new("z", Outcome, "Z", ""),
            new("lost", Examination, "Lost", "", NextNodeId: "z"),
        ], 50);
        var noStart = new ScenarioGraph([new("z", Outcome, "Z", "")], 50);

        orphan.Validate().Single().ShouldSatisfyAllConditions(
            v => v.Code.ShouldBe(ScenarioViolation.Unreachable),
            v => v.NodeIds.ShouldBe(["lost"]));
        noStart.Validate().Select(v => v.Code).ShouldContain(ScenarioViolation.NoStart);
    }

    [Fact]
    public void Validate_RefusesMoreThan200Nodes()
    {
        var nodes = Enumerable.Range(0, 201)
            .Select(i => new ScenarioNode($"n{i}", i == 200 ? Outcome : History, $"N{i}", "", IsStart: i == 0, NextNodeId: i == 200 ? null : $"n{i + 1}"))
            .ToList();

        new ScenarioGraph(nodes, 50).Validate().Select(v => v.Code).ShouldContain(ScenarioViolation.TooManyNodes);
    }

    [Fact]
    public void Attempt_ThroughTheBestPath_ScoresFullMarksAndPasses()
    {
        var graph = ChestPain();
        var attempt = new ScenarioAttempt(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), graph, DateTimeOffset.UnixEpoch);

        attempt.Continue(graph, DateTimeOffset.UnixEpoch.AddSeconds(10));
        attempt.Continue(graph, DateTimeOffset.UnixEpoch.AddSeconds(20));
        var step = attempt.Choose(graph, "refer", DateTimeOffset.UnixEpoch.AddSeconds(95));

        step.Feedback.ShouldStartWith("正确");
        attempt.Status.ShouldBe(AttemptStatus.Completed);
        attempt.Score.ShouldBe(10);
        attempt.Passed.ShouldBe(true);
        attempt.DurationSeconds.ShouldBe(95);
        attempt.Steps.Select(s => s.NodeId).ShouldBe(["start", "history", "decide", "good"]);
    }

    [Fact]
    public void Attempt_WithACriticalError_FailsWhateverTheScore()
    {
        var graph = ChestPain(passMark: 0);
        var attempt = new ScenarioAttempt(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), graph, DateTimeOffset.UnixEpoch);
        attempt.Continue(graph, DateTimeOffset.UnixEpoch);
        attempt.Continue(graph, DateTimeOffset.UnixEpoch);

        var step = attempt.Choose(graph, "home", DateTimeOffset.UnixEpoch);

        step.CriticalError.ShouldBeTrue();
        attempt.Passed.ShouldBe(false);
        attempt.CriticalErrors.ShouldBe(1);
    }

    [Fact]
    public void Attempt_AfterTheOutcome_CannotGoOn()
    {
        var graph = ChestPain();
        var attempt = new ScenarioAttempt(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), graph, DateTimeOffset.UnixEpoch);
        attempt.Continue(graph, DateTimeOffset.UnixEpoch);
        attempt.Continue(graph, DateTimeOffset.UnixEpoch);
        attempt.Choose(graph, "refer", DateTimeOffset.UnixEpoch);

        Should.Throw<Cme.Domain.Common.DomainException>(() => attempt.Choose(graph, "refer", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void PassMark_IsAShareOfTheBestScore()
    {
        var graph = ChestPain(passMark: 60);

        graph.IsPass(6).ShouldBeTrue();
        graph.IsPass(5.5m).ShouldBeFalse();
    }
}
