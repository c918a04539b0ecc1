using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Learning;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Learning;

/// <summary>Resumes the learner's attempt in progress at this scenario, or starts one at the start node.</summary>
[Authenticated]
public sealed record StartScenarioAttempt(Guid CourseId, Guid ModuleId) : ICommand<AttemptView>;

internal sealed class StartScenarioAttemptHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<StartScenarioAttempt, AttemptView>
{
    public async ValueTask<AttemptView> Handle(StartScenarioAttempt request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var (course, version, progress) = await LearnerVersion.ResolveAsync(db, me, request.CourseId, cancellationToken);
        var module = LearnerVersion.ModuleOf(version, request.ModuleId, ModuleKind.Scenario);
        var attempt = await db.ScenarioAttempts.FirstOrDefaultAsync(
            a => a.LearnerId == me && a.ModuleId == module.Id && a.Status == AttemptStatus.InProgress, cancellationToken);
        if (attempt is null)
        {
            var now = clock.GetUtcNow();
            LearnerVersion.Pin(db, me, course, version, progress, now);
            attempt = new ScenarioAttempt(me, course.Id, version.Id, module.Id, module.Scenario!, now);
            db.ScenarioAttempts.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
        }
        return AttemptView.Of(attempt, module.Title, module.Scenario!);
    }
}

[Authenticated]
public sealed record GetAttempt(Guid AttemptId) : IQuery<AttemptView>;

internal sealed class GetAttemptHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetAttempt, AttemptView>
{
    public async ValueTask<AttemptView> Handle(GetAttempt request, CancellationToken cancellationToken)
    {
        var (attempt, module) = await OwnAttempt.LoadAsync(db, user, request.AttemptId, tracking: false, cancellationToken);
        return AttemptView.Of(attempt, module.Title, module.Scenario!);
    }
}

/// <summary>Moves on from a step that is not a decision (the presentation, the history, a result).</summary>
[Authenticated]
public sealed record ContinueAttempt(Guid AttemptId) : ICommand<AttemptView>;

internal sealed class ContinueAttemptHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ContinueAttempt, AttemptView>
{
    public async ValueTask<AttemptView> Handle(ContinueAttempt request, CancellationToken cancellationToken)
    {
        var (attempt, module) = await OwnAttempt.LoadAsync(db, user, request.AttemptId, tracking: true, cancellationToken);
        attempt.Continue(module.Scenario!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return AttemptView.Of(attempt, module.Title, module.Scenario!);
    }
}

/// <summary>Chooses an option at a decision; the answer carries its feedback and score.</summary>
[Authenticated]
public sealed record ChooseOption(Guid AttemptId, string OptionId) : ICommand<AttemptView>;

internal sealed class ChooseOptionValidator : AbstractValidator<ChooseOption>
{
    public ChooseOptionValidator() => RuleFor(x => x.OptionId).NotEmpty().MaximumLength(64);
}

internal sealed class ChooseOptionHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<ChooseOption, AttemptView>
{
    public async ValueTask<AttemptView> Handle(ChooseOption request, CancellationToken cancellationToken)
    {
        var (attempt, module) = await OwnAttempt.LoadAsync(db, user, request.AttemptId, tracking: true, cancellationToken);
        attempt.Choose(module.Scenario!, request.OptionId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        if (attempt.Status == AttemptStatus.Completed)
            await Attendance.Completion.ReevaluateForVersionAsync(db, locks, attempt.LearnerId, attempt.VersionId, clock.GetUtcNow(), cancellationToken);
        return AttemptView.Of(attempt, module.Title, module.Scenario!);
    }
}

/// <summary>The learner's attempts, newest first, optionally for one course.</summary>
[Authenticated]
public sealed record ListMyAttempts(Guid? CourseId) : IQuery<IReadOnlyList<AttemptSummary>>;

internal sealed class ListMyAttemptsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ListMyAttempts, IReadOnlyList<AttemptSummary>>
{
    public async ValueTask<IReadOnlyList<AttemptSummary>> Handle(ListMyAttempts request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var rows = await (from a in db.ScenarioAttempts.AsNoTracking()
                          join c in db.Courses on a.CourseId equals c.Id
                          join m in db.CourseModules on a.ModuleId equals m.Id
                          where a.LearnerId == me && (request.CourseId == null || a.CourseId == request.CourseId)
                          orderby a.StartedAt descending
                          select new { Attempt = a, c.TitleZh, c.TitleEn, m.Title })
                         .Take(200).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AttemptSummary(r.Attempt.Id, r.Attempt.CourseId, r.TitleZh, r.TitleEn, r.Attempt.ModuleId, r.Title,
            r.Attempt.Status, r.Attempt.Score, r.Attempt.MaxScore, r.Attempt.Passed, r.Attempt.StartedAt, r.Attempt.CompletedAt, r.Attempt.DurationSeconds))];
    }
}

internal static class OwnAttempt
{
    /// <summary>The caller's own attempt with the module it is played on; anyone else's is 404.</summary>
    public static async Task<(ScenarioAttempt Attempt, CourseModule Module)> LoadAsync(
        IAppDbContext db, ICurrentUser user, Guid attemptId, bool tracking, CancellationToken ct)
    {
        var me = user.ProfessionalId();
        var attempts = tracking ? db.ScenarioAttempts : db.ScenarioAttempts.AsNoTracking();
        var attempt = await attempts.SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == me, ct)
            ?? throw new NotFoundException("Attempt", attemptId);
        var module = await db.CourseModules.AsNoTracking().SingleAsync(m => m.Id == attempt.ModuleId, ct);
        return (attempt, module);
    }
}
