using Cme.Domain.Offerings;

namespace Cme.Domain.Attendance;

public enum CompletionState
{
    /// <summary>进行中: something can still be done.</summary>
    InProgress,
    /// <summary>已完成: every part of the rule is met.</summary>
    Completed,
    /// <summary>未完成: the attendance the rule asks can no longer be reached.</summary>
    NotCompleted,
}

/// <summary>What stands between a learner and completion. Stored and sent by name: never rename a member.</summary>
public enum CompletionReasonCode
{
    /// <summary>Attendance <c>Value</c>% is under the rule's <c>Limit</c>%.</summary>
    AttendanceBelow,
    /// <summary>The post-test has not been taken.</summary>
    PostTestNotTaken,
    /// <summary>The best post-test score <c>Value</c>% is under the pass mark <c>Limit</c>%.</summary>
    PostTestBelow,
    /// <summary>Not every clinical scenario of the course has been passed.</summary>
    ScenariosNotPassed,
    /// <summary>The required course evaluation has not been submitted.</summary>
    EvaluationMissing,
    /// <summary>Sessions are still to come; completion is settled automatically when the last one ends.</summary>
    AwaitingLastSession,
}

/// <summary>One reason, as a code with its numbers; the edge puts it into the reader's words.</summary>
public sealed record CompletionReason(CompletionReasonCode Code, decimal? Value = null, decimal? Limit = null);

/// <summary>Where a learner stands on each input of the completion rule.</summary>
public sealed record CompletionInputs(
    decimal? AttendancePercent, decimal? ReachablePercent, bool HasSessions, bool AllSessionsEnded, bool HasPostTest, decimal? BestPostTestPercent, bool HasScenarios,
    bool ScenariosPassed, bool EvaluationSubmitted);

/// <summary>The state, always with its reasons.</summary>
public sealed record CompletionResult(CompletionState State, IReadOnlyList<CompletionReason> Reasons);

/// <summary>
/// Evaluates an offering's completion rule for one learner. An offering with sessions completes only
/// once its last session has ended (its credits are for the whole class); a self-paced offering
/// completes the moment its rule is met.
/// </summary>
public static class CompletionCheck
{
    public static CompletionResult Evaluate(CompletionRule rule, CompletionInputs inputs)
    {
        var reasons = new List<CompletionReason>();
        var attendanceFailed = false;
        // Attendance fails once it can no longer be reached, even by attending every session still to come.
        if (rule.MinAttendancePercent is { } minimum && inputs.HasSessions
            && (inputs.AllSessionsEnded ? inputs.AttendancePercent ?? 0m : inputs.ReachablePercent ?? 100m) < minimum)
        {
            reasons.Add(new CompletionReason(CompletionReasonCode.AttendanceBelow, inputs.AttendancePercent ?? 0m, minimum));
            attendanceFailed = true;
        }
        if (rule.PostTestPassPercent is { } pass && inputs.HasPostTest)
        {
            if (inputs.BestPostTestPercent is not { } best)
                reasons.Add(new CompletionReason(CompletionReasonCode.PostTestNotTaken, Limit: pass));
            else if (best < pass)
                reasons.Add(new CompletionReason(CompletionReasonCode.PostTestBelow, best, pass));
        }
        if (rule.ScenarioPassRequired && inputs.HasScenarios && !inputs.ScenariosPassed)
            reasons.Add(new CompletionReason(CompletionReasonCode.ScenariosNotPassed));
        if (rule.EvaluationRequired && !inputs.EvaluationSubmitted)
            reasons.Add(new CompletionReason(CompletionReasonCode.EvaluationMissing));
        if (inputs.HasSessions && !inputs.AllSessionsEnded && !attendanceFailed)
            reasons.Add(new CompletionReason(CompletionReasonCode.AwaitingLastSession));

        var state = reasons.Count == 0 ? CompletionState.Completed
            : attendanceFailed ? CompletionState.NotCompleted
            : CompletionState.InProgress;
        return new CompletionResult(state, reasons);
    }
}
