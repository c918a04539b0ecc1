using System.Globalization;
using Cme.Domain.Offerings;

namespace Cme.Domain.Attendance;

public enum CompletionState
{
    /// <summary>进行中: something can still be done.</summary>
    InProgress,
    /// <summary>已完成</summary>
    Completed,
    /// <summary>未完成: the sessions are over and the attendance can no longer be reached.</summary>
    NotCompleted,
}

/// <summary>Where a learner stands on each input of the completion rule.</summary>
public sealed record CompletionInputs(
    decimal? AttendancePercent, bool AllSessionsEnded, bool HasPostTest, decimal? BestPostTestPercent, bool HasScenarios,
    bool ScenariosPassed, bool EvaluationSubmitted);

/// <summary>The state, always with its reasons (e.g. "attendance 62% is under 75%").</summary>
public sealed record CompletionResult(CompletionState State, IReadOnlyList<string> Reasons);

/// <summary>Evaluates an offering's completion rule for one learner.</summary>
public static class CompletionCheck
{
    public static CompletionResult Evaluate(CompletionRule rule, CompletionInputs inputs)
    {
        var reasons = new List<string>();
        var attendanceFailed = false;
        if (rule.MinAttendancePercent is { } minimum && inputs.AttendancePercent is { } attendance && attendance < minimum)
        {
            reasons.Add($"attendance {Percent(attendance)} is under {Percent(minimum)}");
            attendanceFailed = true;
        }
        if (rule.PostTestPassPercent is { } pass && inputs.HasPostTest)
        {
            if (inputs.BestPostTestPercent is not { } best)
                reasons.Add("the post-test has not been taken");
            else if (best < pass)
                reasons.Add($"post-test {Percent(best)} is under {Percent(pass)}");
        }
        if (rule.ScenarioPassRequired && inputs.HasScenarios && !inputs.ScenariosPassed)
            reasons.Add("not every clinical scenario has been passed");
        if (rule.EvaluationRequired && !inputs.EvaluationSubmitted)
            reasons.Add("the course evaluation has not been submitted");
        if (!inputs.AllSessionsEnded && inputs.AttendancePercent is not null && !attendanceFailed && rule.MinAttendancePercent is not null)
            reasons.Add("sessions are still to come");

        var state = reasons.Count == 0 ? CompletionState.Completed
            : attendanceFailed && inputs.AllSessionsEnded ? CompletionState.NotCompleted
            : CompletionState.InProgress;
        return new CompletionResult(state, reasons);
    }

    private static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
