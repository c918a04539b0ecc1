using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Notifications;
using Cme.Application.Professionals;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Credits;

public sealed record ActivityView(
    Guid Id, Guid LearnerId, string NameZh, string InstitutionName, CreditSource Kind, string Title, DateOnly StartDate, DateOnly EndDate,
    decimal Hours, decimal ClaimedCredits, string CreditClass, string EvidenceFileName, ActivityStatus Status, DateTimeOffset SubmittedAt,
    string? Comment, decimal? AwardedCredits, string? CappedByPolicy);

public sealed record ActivityEvidence(string FileName, string ContentType, byte[] Content);

/// <summary>A learner records learning done elsewhere, with evidence (PDF, JPEG or PNG, checked by its bytes, at most 10 MB).</summary>
[Authenticated]
public sealed record SubmitExternalActivity(CreditSource Kind, string Title, DateOnly StartDate, DateOnly EndDate, decimal Hours, decimal ClaimedCredits,
    string CreditClass, string EvidenceFileName, byte[] Evidence) : ICommand<ActivitySubmitted>;

public sealed record ActivitySubmitted(Guid Id);

internal sealed class SubmitExternalActivityValidator : AbstractValidator<SubmitExternalActivity>
{
    public SubmitExternalActivityValidator()
    {
        RuleFor(x => x.Kind).Must(k => ExternalActivity.Kinds.Contains(k)).WithReason("activity.kind-unknown");
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).WithReason("activity.ends-before-start");
        RuleFor(x => x.Hours).InclusiveBetween(0, 2000);
        RuleFor(x => x.ClaimedCredits).GreaterThan(0).LessThanOrEqualTo(50);
        RuleFor(x => x.CreditClass).Must(c => CreditClasses.All.Contains(c)).WithReason("credit-class.unknown", new { classes = CreditClasses.All });
        RuleFor(x => x.Evidence).Must(e => e.Length is > 0 and <= ExternalActivity.MaxEvidenceBytes).WithReason("activity.evidence-size")
            .Must(e => ExternalActivity.SniffEvidence(e) is not null).WithReason("activity.evidence-type")
            .OverridePropertyName("file");
    }
}

internal sealed class SubmitExternalActivityHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SubmitExternalActivity, ActivitySubmitted>
{
    public async ValueTask<ActivitySubmitted> Handle(SubmitExternalActivity r, CancellationToken cancellationToken)
    {
        var activity = new ExternalActivity(user.ProfessionalId(), r.Kind, r.Title, r.StartDate, r.EndDate, r.Hours, r.ClaimedCredits, r.CreditClass,
            r.EvidenceFileName, r.Evidence, clock.GetUtcNow());
        db.ExternalActivities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivitySubmitted(activity.Id);
    }
}

/// <summary>Mine (mine=true), or those an administrator decides: an InstitutionAdmin their own institution's, a CmeAdmin all.</summary>
[Authenticated]
public sealed record ListExternalActivities(bool Mine, ActivityStatus? Status) : IQuery<IReadOnlyList<ActivityView>>;

internal sealed class ListExternalActivitiesHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ListExternalActivities, IReadOnlyList<ActivityView>>
{
    public async ValueTask<IReadOnlyList<ActivityView>> Handle(ListExternalActivities request, CancellationToken cancellationToken)
    {
        IQueryable<Professional> people = request.Mine ? db.Professionals.Where(p => p.Id == user.ProfessionalId)
            : user.IsInRole(Roles.CmeAdmin) || user.IsInRole(Roles.InstitutionAdmin) ? StaffAccess.Visible(db.Professionals, user)
            : throw new ForbiddenException("activity.decide-forbidden");
        return await (from a in db.ExternalActivities.AsNoTracking()
                      join p in people on a.LearnerId equals p.Id
                      join i in db.Institutions on p.InstitutionId equals i.Id
                      where request.Status == null || a.Status == request.Status
                      orderby a.SubmittedAt descending
                      select new ActivityView(a.Id, a.LearnerId, p.NameZh, (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), a.Kind, a.Title, a.StartDate, a.EndDate, a.Hours, a.ClaimedCredits,
                          a.CreditClass, a.EvidenceFileName, a.Status, a.SubmittedAt, a.Comment, a.AwardedCredits, a.CappedByPolicy)).Take(500).ToListAsync(cancellationToken);
    }
}

/// <summary>The evidence file, for its owner and the administrators who decide it.</summary>
[Authenticated]
public sealed record GetActivityEvidence(Guid Id) : IQuery<ActivityEvidence>;

internal sealed class GetActivityEvidenceHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetActivityEvidence, ActivityEvidence>
{
    public async ValueTask<ActivityEvidence> Handle(GetActivityEvidence request, CancellationToken cancellationToken)
    {
        var activity = await ExternalActivityAccess.VisibleAsync(db, user, request.Id, tracking: false, cancellationToken);
        return new ActivityEvidence(activity.EvidenceFileName, activity.EvidenceContentType, activity.Evidence);
    }
}

/// <summary>
/// The learner's institution (or the CME office) approves: a ledger entry under the activity's source, within the policy's cap
/// for it. AwardedCredits (default: the claim) may be fewer than claimed, with a reason (Comment) the learner reads.
/// </summary>
[AuthorizeRoles(Roles.InstitutionAdmin, Roles.CmeAdmin)]
public sealed record ApproveExternalActivity(Guid Id, string? Comment, decimal? AwardedCredits = null) : ICommand<LedgerEntryCreated>;

internal sealed class ApproveExternalActivityValidator : AbstractValidator<ApproveExternalActivity>
{
    public ApproveExternalActivityValidator()
    {
        RuleFor(x => x.AwardedCredits).GreaterThan(0).WithReason("activity.awarded-positive").When(x => x.AwardedCredits is not null);
        RuleFor(x => x.Comment).MaximumLength(1000);
    }
}

internal sealed class ApproveExternalActivityHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock,
    ILogger<ApproveExternalActivityHandler> logger)
    : IRequestHandler<ApproveExternalActivity, LedgerEntryCreated>
{
    public async ValueTask<LedgerEntryCreated> Handle(ApproveExternalActivity request, CancellationToken cancellationToken)
    {
        var activity = await ExternalActivityAccess.DecidableAsync(db, user, request.Id, nameof(ApproveExternalActivity), logger, cancellationToken);
        if (request.AwardedCredits > activity.ClaimedCredits)
            throw new RequestValidationException("awardedCredits", "activity.awarded-range", new { claimed = activity.ClaimedCredits });
        if (request.AwardedCredits < activity.ClaimedCredits && string.IsNullOrWhiteSpace(request.Comment))
            throw new RequestValidationException("comment", "activity.reduced-needs-reason");
        await locks.LockAsync(activity.LearnerId, cancellationToken); // caps are counted one decision at a time per person
        var year = activity.EndDate.Year;
        var policy = await CreditYears.ActivePolicyAsync(db, year, cancellationToken);
        var cap = policy.Rules.SourceCaps.FirstOrDefault(c => c.Source == activity.Kind)?.MaximumPerYear;
        var used = await db.CreditLedger.Where(e => e.LearnerId == activity.LearnerId && e.Year == year && e.Source == activity.Kind)
            .SumAsync(e => (decimal?)e.Credits, cancellationToken) ?? 0;
        var now = clock.GetUtcNow();
        var credits = activity.Approve(user.ProfessionalId(), now, request.AwardedCredits, request.Comment, cap is { } c ? c - used : decimal.MaxValue,
            policy.Code);
        // The ledger keeps the learner's own title; why fewer credits were entered lives on the activity as values
        // (claimed, awarded, the decider's reason, the capping policy) and is put into words by whoever reads it.
        var entry = CreditLedgerEntry.Award(activity.LearnerId, credits, activity.Hours, activity.CreditClass, null, activity.Kind, year, null, null,
            ActivityAwardKey(activity.Id), user.ProfessionalId(), activity.Title, now);
        db.CreditLedger.Add(entry);
        await Notices.ActivityDecidedAsync(db, activity, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new LedgerEntryCreated(entry.Id);
    }

    internal static string ActivityAwardKey(Guid activityId) => $"activity:{activityId}";
}

[AuthorizeRoles(Roles.InstitutionAdmin, Roles.CmeAdmin)]
public sealed record RejectExternalActivity(Guid Id, string Comment) : ICommand<Unit>;

internal sealed class RejectExternalActivityValidator : AbstractValidator<RejectExternalActivity>
{
    public RejectExternalActivityValidator() => RuleFor(x => x.Comment).NotEmpty().MaximumLength(1000);
}

internal sealed class RejectExternalActivityHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<RejectExternalActivityHandler> logger)
    : IRequestHandler<RejectExternalActivity, Unit>
{
    public async ValueTask<Unit> Handle(RejectExternalActivity request, CancellationToken cancellationToken)
    {
        var activity = await ExternalActivityAccess.DecidableAsync(db, user, request.Id, nameof(RejectExternalActivity), logger, cancellationToken);
        activity.Reject(user.ProfessionalId(), clock.GetUtcNow(), request.Comment);
        await Notices.ActivityDecidedAsync(db, activity, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class ExternalActivityAccess
{
    public static async Task<ExternalActivity> VisibleAsync(IAppDbContext db, ICurrentUser user, Guid id, bool tracking, CancellationToken ct)
    {
        var activities = tracking ? db.ExternalActivities : db.ExternalActivities.AsNoTracking();
        var activity = await activities.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Activity", id);
        if (activity.LearnerId == user.ProfessionalId)
            return activity;
        if ((user.IsInRole(Roles.CmeAdmin) || user.IsInRole(Roles.InstitutionAdmin))
            && await StaffAccess.Visible(db.Professionals, user).AnyAsync(p => p.Id == activity.LearnerId, ct))
            return activity;
        throw new NotFoundException("Activity", id);
    }

    /// <summary>An InstitutionAdmin decides for their own institution's staff (others are 404); nobody decides their own.</summary>
    public static async Task<ExternalActivity> DecidableAsync(IAppDbContext db, ICurrentUser user, Guid id, string action, ILogger logger, CancellationToken ct)
    {
        var activity = await VisibleAsync(db, user, id, tracking: true, ct);
        if (activity.LearnerId == user.ProfessionalId)
        {
            logger.LogWarning("Refused {Action} by {UserName} (user {UserId}, professional {ProfessionalId}) on their own record",
                action, user.UserName, user.UserId, user.ProfessionalId);
            throw new ForbiddenException("activity.decide-own");
        }
        return activity;
    }
}
