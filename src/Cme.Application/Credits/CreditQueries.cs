using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Professionals;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Credits;

/// <summary>My credits this year (or another) against the active policy: what counts and what is missing.</summary>
[Authenticated]
public sealed record GetMyCreditStanding(int? Year) : IQuery<CreditStanding>;

internal sealed class GetMyCreditStandingValidator : AbstractValidator<GetMyCreditStanding>
{
    public GetMyCreditStandingValidator() => RuleFor(x => x.Year).InclusiveBetween(2000, 2100).When(x => x.Year is not null);
}

internal sealed class GetMyCreditStandingHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetMyCreditStanding, CreditStanding>
{
    public async ValueTask<CreditStanding> Handle(GetMyCreditStanding request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await CreditYears.StandingAsync(db, user.ProfessionalId(), request.Year ?? now.Year, now, cancellationToken);
    }
}

public sealed record LedgerLine(
    Guid Id, LedgerEntryKind Kind, decimal Credits, decimal Hours, string CreditClass, string? ProjectLevel, CreditSource Source, int Year,
    Guid? OfferingId, string? OfferingTitle, Guid? RevokesId, bool Revoked, string Reason, DateTimeOffset RecordedAt, string? RecordedByName,
    LedgerActivity? Activity = null);

/// <summary>
/// The approved external activity an award came from: what was claimed and awarded, the decider's reason and, when the
/// policy's yearly cap for the source cut the award, that policy's code. Values only; readers put them into words.
/// </summary>
public sealed record LedgerActivity(Guid Id, decimal ClaimedCredits, decimal AwardedCredits, string? Comment, string? CappedByPolicy)
{
    public bool Reduced => AwardedCredits < ClaimedCredits;

    /// <summary>Why fewer credits than claimed, in the reader's language; empty when the claim was awarded in full.</summary>
    public string Note(System.Globalization.CultureInfo culture)
    {
        if (!Reduced)
            return "";
        var parts = new List<string> { ReasonText.Format("activity.award-reduced", new { claimed = ClaimedCredits, awarded = AwardedCredits }, culture) };
        if (!string.IsNullOrWhiteSpace(Comment))
            parts.Add(Comment);
        if (CappedByPolicy is { } policy)
            parts.Add(ReasonText.Format("activity.award-capped", new { policy }, culture));
        return string.Join(ReasonText.IsEnglish(culture) ? "; " : "；", parts);
    }
}

public sealed record Transcript(Guid ProfessionalId, string NameZh, string NameLatin, string LicenceNumber, string InstitutionName, int FromYear, int ToYear,
    IReadOnlyList<CreditStanding> Years, IReadOnlyList<LedgerLine> Entries);

/// <summary>
/// A transcript: every ledger entry and the standing per year. Learners see their own; a CmeAdmin
/// anyone's; an InstitutionAdmin their own institution's staff (others are 404).
/// </summary>
[Authenticated]
public sealed record GetTranscript(Guid? ProfessionalId, int FromYear, int ToYear) : IQuery<Transcript>;

internal sealed class GetTranscriptValidator : AbstractValidator<GetTranscript>
{
    public GetTranscriptValidator()
    {
        RuleFor(x => x.FromYear).InclusiveBetween(2000, 2100);
        RuleFor(x => x.ToYear).GreaterThanOrEqualTo(x => x.FromYear).Must((x, to) => to - x.FromYear < 10).WithReason("credits.years-range", new { max = 10 });
    }
}

internal sealed class GetTranscriptHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetTranscript, Transcript>
{
    public async ValueTask<Transcript> Handle(GetTranscript request, CancellationToken cancellationToken)
    {
        var id = request.ProfessionalId ?? user.ProfessionalId();
        var people = id == user.ProfessionalId ? db.Professionals
            : user.IsInRole(Roles.CmeAdmin) || user.IsInRole(Roles.InstitutionAdmin) ? StaffAccess.Visible(db.Professionals, user)
            : throw new NotFoundException("Professional", id);
        var person = await (from p in people join i in db.Institutions on p.InstitutionId equals i.Id where p.Id == id
                            select new { p.NameZh, p.NameLatin, p.LicenceNumber, Institution = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name) }).SingleOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Professional", id);
        var now = clock.GetUtcNow();
        var years = new List<CreditStanding>();
        for (var year = request.FromYear; year <= request.ToYear; year++)
            years.Add(await CreditYears.StandingAsync(db, id, year, now, cancellationToken));
        var revoked = db.CreditLedger.Where(r => r.RevokesId != null).Select(r => r.RevokesId);
        var entries = await (from e in db.CreditLedger.AsNoTracking()
                             where e.LearnerId == id && e.Year >= request.FromYear && e.Year <= request.ToYear
                             join o in db.Offerings on e.OfferingId equals o.Id into offerings
                             from o in offerings.DefaultIfEmpty()
                             join r in db.Professionals on e.RecordedBy equals r.Id into recorders
                             from recorder in recorders.DefaultIfEmpty()
                             orderby e.RecordedAt
                             select new LedgerLine(e.Id, e.Kind, e.Credits, e.Hours, e.CreditClass, e.ProjectLevel.ToString(), e.Source, e.Year, e.OfferingId,
                                 o != null ? o.Title : null, e.RevokesId, revoked.Contains(e.Id), e.Reason, e.RecordedAt, recorder != null ? recorder.NameZh : null))
                            .ToListAsync(cancellationToken);
        entries = await WithActivitiesAsync(db, id, entries, cancellationToken);
        return new Transcript(id, person.NameZh, person.NameLatin, person.LicenceNumber, person.Institution, request.FromYear, request.ToYear, years, entries);
    }

    /// <summary>Attaches to each award from an external activity the activity's claim and decision.</summary>
    private static async Task<List<LedgerLine>> WithActivitiesAsync(IAppDbContext db, Guid learnerId, List<LedgerLine> entries, CancellationToken ct)
    {
        var ids = entries.Where(e => e.Kind == LedgerEntryKind.Award && ExternalActivity.Kinds.Contains(e.Source)).Select(e => e.Id).ToList();
        if (ids.Count == 0)
            return entries;
        var keys = await db.CreditLedger.AsNoTracking().Where(e => ids.Contains(e.Id) && e.AwardKey != null)
            .Select(e => new { e.Id, e.AwardKey }).ToListAsync(ct);
        var activities = await db.ExternalActivities.AsNoTracking().Where(a => a.LearnerId == learnerId && a.Status == ActivityStatus.Approved)
            .Select(a => new LedgerActivity(a.Id, a.ClaimedCredits, a.AwardedCredits ?? 0, a.Comment, a.CappedByPolicy)).ToListAsync(ct);
        var byKey = activities.ToDictionary(a => ApproveExternalActivityHandler.ActivityAwardKey(a.Id));
        var byEntry = keys.Where(k => byKey.ContainsKey(k.AwardKey!)).ToDictionary(k => k.Id, k => byKey[k.AwardKey!]);
        return [.. entries.Select(e => byEntry.TryGetValue(e.Id, out var activity) ? e with { Activity = activity } : e)];
    }
}
