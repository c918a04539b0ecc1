using System.Globalization;
using Cme.Application.Common.Reasons;
using Cme.Domain.Courses.Scenarios;
using static Cme.Domain.Courses.Scenarios.ScenarioNodeKind;

namespace Cme.Application.Tests.Courses;

/// <summary>The scenario structure check gives codes with values; the author reads them in their own language.</summary>
public sealed class ScenarioStructureTextTests
{
    private static readonly CultureInfo Chinese = new("zh-CN"), English = new("en");

    private static readonly ScenarioGraph TwoStartsOneLost = new(
    [
        new("a", Presentation, "胸痛就诊", "", IsStart: true, NextNodeId: "z"),
        new("b", Presentation, "复诊", "", IsStart: true, NextNodeId: "z"),
        new("z", Outcome, "转诊", ""),
    ], 60);

    private static readonly ScenarioGraph OneStartTwoLost = new(
    [
        new("a", Presentation, "胸痛就诊", "", IsStart: true, NextNodeId: "z"),
        new("lost1", Examination, "查体", "", NextNodeId: "z"),
        new("lost2", History, "病史", "", NextNodeId: "lost1"),
        new("z", Outcome, "转诊", ""),
    ], 60);

    [Fact]
    public void SeveralStarts_IsACodeWithTheNodes_InChineseByDefault_AndInEnglish()
    {
        var violation = TwoStartsOneLost.Validate().Single(v => v.Code == ScenarioViolation.SeveralStarts);

        violation.Reason.Code.ShouldBe("scenario.several-starts");
        ((IEnumerable<string>)violation.Reason.Values["nodes"]!).ShouldBe(["a", "b"]);
        ReasonText.Render(violation.Reason, Chinese).ShouldBe("请将恰好一个节点设为起点；目前有多个：a、b。");
        ReasonText.Render(violation.Reason, English).ShouldBe("Mark exactly one node as the start; several are: a, b.");
    }

    [Fact]
    public void Unreachable_IsACodeWithTheCountAndTheNodes()
    {
        var violation = OneStartTwoLost.Validate().Single(v => v.Code == ScenarioViolation.Unreachable);

        violation.Reason.Code.ShouldBe("scenario.unreachable");
        violation.Reason.Values["count"].ShouldBe(2);
        ((IEnumerable<string>)violation.Reason.Values["nodes"]!).ShouldBe(["lost1", "lost2"]);
        violation.NodeIds.ShouldBe(["lost1", "lost2"]);
        ReasonText.Render(violation.Reason, Chinese).ShouldBe("有 2 个节点无法从起点到达：lost1、lost2。");
        ReasonText.Render(violation.Reason, English).ShouldBe("2 node(s) cannot be reached from the start: lost1, lost2.");
    }

    [Fact]
    public void NoStart_IsACode_InChinese()
    {
        var violation = new ScenarioGraph([new("z", Outcome, "转诊", "")], 60).Validate().Single(v => v.Code == ScenarioViolation.NoStart);

        violation.Reason.Code.ShouldBe("scenario.no-start");
        ReasonText.Render(violation.Reason, Chinese).ShouldBe("请将恰好一个节点设为起点；目前没有。");
    }
}
