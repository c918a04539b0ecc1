using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Certificates;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Credits;

public sealed record LedgerEntryCreated(Guid Id);

/// <summary>A CmeAdmin's correction of someone's credits: a new ledger entry with the reason.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record AdjustCredits(Guid ProfessionalId, decimal Credits, decimal Hours, string CreditClass, int Year, string Reason) : ICommand<LedgerEntryCreated>;

internal sealed class AdjustCreditsValidator : AbstractValidator<AdjustCredits>
{
    public AdjustCreditsValidator()
    {
        RuleFor(x => x.Credits).InclusiveBetween(-100, 100).Must(c => c * 2 == decimal.Truncate(c * 2)).WithReason("credits.half-steps");
        RuleFor(x => x.Hours).InclusiveBetween(-500, 500);
        RuleFor(x => x).Must(x => x.Credits != 0 || x.Hours != 0).WithReason("ledger.adjustment-empty").OverridePropertyName("credits");
        RuleFor(x => x.CreditClass).Must(c => CreditClasses.All.Contains(c)).WithReason("credit-class.unknown", new { classes = CreditClasses.All });
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(CreditLedgerEntry.ReasonMaxLength);
    }
}

internal sealed class AdjustCreditsHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<AdjustCreditsHandler> logger)
    : IRequestHandler<AdjustCredits, LedgerEntryCreated>
{
    public async ValueTask<LedgerEntryCreated> Handle(AdjustCredits request, CancellationToken cancellationToken)
    {
        if (!await db.Professionals.AnyAsync(p => p.Id == request.ProfessionalId, cancellationToken))
            throw new NotFoundException("Professional", request.ProfessionalId);
        SeparationOfDuties.EnsureNotSelf(user, request.ProfessionalId, nameof(AdjustCredits), logger);
        var entry = CreditLedgerEntry.Adjust(request.ProfessionalId, request.Credits, request.Hours, request.CreditClass, request.Year,
            user.ProfessionalId(), request.Reason, clock.GetUtcNow());
        db.CreditLedger.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return new LedgerEntryCreated(entry.Id);
    }
}

/// <summary>Takes an award back with a compensating entry and the reason; an award is revoked at most once.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RevokeCredit(Guid EntryId, string Reason) : ICommand<LedgerEntryCreated>;

internal sealed class RevokeCreditValidator : AbstractValidator<RevokeCredit>
{
    public RevokeCreditValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(CreditLedgerEntry.ReasonMaxLength);
}

internal sealed class RevokeCreditHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<RevokeCreditHandler> logger)
    : IRequestHandler<RevokeCredit, LedgerEntryCreated>
{
    public async ValueTask<LedgerEntryCreated> Handle(RevokeCredit request, CancellationToken cancellationToken)
    {
        var award = await db.CreditLedger.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EntryId, cancellationToken)
            ?? throw new NotFoundException("Ledger entry", request.EntryId);
        SeparationOfDuties.EnsureNotSelf(user, award.LearnerId, nameof(RevokeCredit), logger);
        if (await db.CreditLedger.AnyAsync(e => e.RevokesId == award.Id, cancellationToken))
            throw new ConflictException("ledger.already-revoked");
        var revocation = award.Revoke(user.ProfessionalId(), request.Reason, clock.GetUtcNow());
        db.CreditLedger.Add(revocation);
        // A certificate must not outlive its credit: it is revoked with the same reason, and verification shows it at once.
        foreach (var certificate in await db.Certificates.Where(c => c.LedgerEntryId == award.Id && c.Status == CertificateStatus.Valid).ToListAsync(cancellationToken))
        {
            certificate.Revoke(user.ProfessionalId(), clock.GetUtcNow(), $"学分已撤销 (credit revoked): {request.Reason}"[..Math.Min(500, request.Reason.Length + 24)]);
            await Notifications.Notices.CertificateRevokedAsync(db, certificate, request.Reason, creditRevoked: true, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new LedgerEntryCreated(revocation.Id);
    }
}

public sealed record PolicyView(Guid Id, string Code, string Name, string NameEn, string Source, DateOnly EffectiveFrom, PolicyRules Rules, bool Active);

[Authenticated]
public sealed record ListCreditPolicies : IQuery<IReadOnlyList<PolicyView>>;

internal sealed class ListCreditPoliciesHandler(IAppDbContext db) : IRequestHandler<ListCreditPolicies, IReadOnlyList<PolicyView>>
{
    public async ValueTask<IReadOnlyList<PolicyView>> Handle(ListCreditPolicies request, CancellationToken cancellationToken)
    {
        var active = await db.Consortia.OrderBy(c => c.Id).Select(c => c.ActivePolicyCode).FirstOrDefaultAsync(cancellationToken);
        var policies = await db.CreditPolicies.AsNoTracking().OrderBy(p => p.Code).ThenBy(p => p.EffectiveFrom).ToListAsync(cancellationToken);
        return [.. policies.Select(p => new PolicyView(p.Id, p.Code, p.Name, p.NameEn, p.Source, p.EffectiveFrom, p.Rules, p.Code == active))];
    }
}

/// <summary>The consortium chooses the policy it reports against.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record SetActivePolicy(string Code) : ICommand<Unit>;

internal sealed class SetActivePolicyHandler(IAppDbContext db) : IRequestHandler<SetActivePolicy, Unit>
{
    public async ValueTask<Unit> Handle(SetActivePolicy request, CancellationToken cancellationToken)
    {
        if (!await db.CreditPolicies.AnyAsync(p => p.Code == request.Code, cancellationToken))
            throw new RequestValidationException("code", "policy.unknown", new { policy = request.Code });
        var consortium = await db.Consortia.OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken) ?? throw new ConflictException("consortium.missing");
        consortium.ChooseActivePolicy(request.Code);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
