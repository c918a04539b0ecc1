using Cme.Domain.Attendance;
using Cme.Domain.Offerings;

namespace Cme.Domain.Tests.Attendance;

public sealed class CompletionCheckTests
{
    private static readonly CompletionRule Rule = new(MinAttendancePercent: 75, PostTestPassPercent: 60, ScenarioPassRequired: true, EvaluationRequired: true);

    private static CompletionInputs Everything(bool ended) =>
        new(AttendancePercent: 90, ReachablePercent: 90, HasSessions: true, AllSessionsEnded: ended, HasPostTest: true, BestPostTestPercent: 80,
            HasScenarios: true, ScenariosPassed: true, EvaluationSubmitted: true);

    [Fact]
    public void Evaluate_EverythingDoneBeforeTheLastSessionEnds_WaitsForIt()
    {
        var result = CompletionCheck.Evaluate(Rule, Everything(ended: false));

        result.State.ShouldBe(CompletionState.InProgress);
        result.Reasons.ShouldBe([new CompletionReason(CompletionReasonCode.AwaitingLastSession)]);
    }

    [Fact]
    public void Evaluate_EverythingDoneAndTheLastSessionOver_IsCompleted()
    {
        var result = CompletionCheck.Evaluate(Rule, Everything(ended: true));

        result.State.ShouldBe(CompletionState.Completed);
        result.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_EachMissingPart_IsACodeWithItsNumbers()
    {
        var inputs = Everything(ended: true) with { BestPostTestPercent = 40, ScenariosPassed = false, EvaluationSubmitted = false };

        var result = CompletionCheck.Evaluate(Rule, inputs);

        result.State.ShouldBe(CompletionState.InProgress);
        result.Reasons.ShouldBe([
            new CompletionReason(CompletionReasonCode.PostTestBelow, 40, 60),
            new CompletionReason(CompletionReasonCode.ScenariosNotPassed),
            new CompletionReason(CompletionReasonCode.EvaluationMissing),
        ]);
    }

    [Fact]
    public void Evaluate_AttendanceStillReachable_IsNotAFailureMidCourse()
    {
        // One of three sessions attended so far: 33%, but attending the other two still gives 100%.
        var result = CompletionCheck.Evaluate(Rule, Everything(ended: false) with { AttendancePercent = 33.3m, ReachablePercent = 100 });

        result.State.ShouldBe(CompletionState.InProgress);
        result.Reasons.Select(r => r.Code).ShouldBe([CompletionReasonCode.AwaitingLastSession]);
    }

    [Fact]
    public void Evaluate_AttendanceNoLongerReachable_IsNotCompleted_EvenBeforeTheEnd()
    {
        var result = CompletionCheck.Evaluate(Rule, Everything(ended: false) with { AttendancePercent = 20, ReachablePercent = 60 });

        result.State.ShouldBe(CompletionState.NotCompleted);
        result.Reasons.ShouldBe([new CompletionReason(CompletionReasonCode.AttendanceBelow, 20, 75)]);
    }

    [Fact]
    public void Evaluate_SelfPacedOffering_CompletesTheMomentTheRuleIsMet()
    {
        var selfPaced = new CompletionInputs(null, null, HasSessions: false, AllSessionsEnded: true, HasPostTest: true, BestPostTestPercent: 100,
            HasScenarios: true, ScenariosPassed: true, EvaluationSubmitted: true);

        CompletionCheck.Evaluate(Rule, selfPaced).State.ShouldBe(CompletionState.Completed);
    }
}
