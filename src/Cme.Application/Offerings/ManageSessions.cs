using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Notifications;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Offerings;

/// <summary>A session of an offering, in local time of its time zone (Asia/Shanghai unless said).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record AddSession(Guid OfferingId, SessionInput Session) : ICommand<SessionCreated>;

internal sealed class SessionInputValidator : AbstractValidator<SessionInput>
{
    public SessionInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(Session.TitleMaxLength);
        RuleFor(x => x.Type).IsInEnum();
        RuleFor(x => x.EndsAtLocal).GreaterThan(x => x.StartsAtLocal).WithReason("session.ends-before-start");
        RuleFor(x => x.Place).MaximumLength(Session.PlaceMaxLength);
        RuleFor(x => x.JoinUrl).MaximumLength(Session.JoinUrlMaxLength)
            .Must(u => string.IsNullOrWhiteSpace(u) || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithReason("session.join-url");
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.Place) || !string.IsNullOrWhiteSpace(x.JoinUrl))
            .WithReason("session.place-required").OverridePropertyName("place");
    }
}

internal sealed class AddSessionValidator : AbstractValidator<AddSession>
{
    public AddSessionValidator() => RuleFor(x => x.Session).NotNull().SetValidator(new SessionInputValidator()).OverridePropertyName("");
}

internal sealed class AddSessionHandler(IAppDbContext db) : IRequestHandler<AddSession, SessionCreated>
{
    public async ValueTask<SessionCreated> Handle(AddSession request, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OfferingId, cancellationToken)
            ?? throw new NotFoundException("Offering", request.OfferingId);
        var session = new Session(offering.Id, await SessionDetailsFrom.InputAsync(db, request.Session, offering, cancellationToken));
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return new SessionCreated(session.Id);
    }
}

/// <summary>Edits what a session is and where; moving it in time is a reschedule, which is recorded.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record UpdateSession(Guid SessionId, SessionInput Session, string? Reason) : ICommand<Unit>;

internal sealed class UpdateSessionValidator : AbstractValidator<UpdateSession>
{
    public UpdateSessionValidator()
    {
        RuleFor(x => x.Session).NotNull().SetValidator(new SessionInputValidator()).OverridePropertyName("");
        RuleFor(x => x.Reason).MaximumLength(500);
    }
}

internal sealed class UpdateSessionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<UpdateSession, Unit>
{
    public async ValueTask<Unit> Handle(UpdateSession request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Session", request.SessionId);
        var offering = await db.Offerings.AsNoTracking().SingleAsync(o => o.Id == session.OfferingId, cancellationToken);
        var details = await SessionDetailsFrom.InputAsync(db, request.Session, offering, cancellationToken);
        session.Describe(details);
        var (startedAt, endedAt) = (session.StartsAt, session.EndsAt);
        session.Reschedule(details.StartsAt, details.EndsAt, user.ProfessionalId(), clock.GetUtcNow(), request.Reason);
        if (session.StartsAt != startedAt || session.EndsAt != endedAt)
            await Notices.SessionChangedAsync(db, session, NotificationKind.SessionRescheduled, startedAt, request.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Cancels a session; the change is recorded so the people affected can be told.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record CancelSession(Guid SessionId, string Reason) : ICommand<Unit>;

internal sealed class CancelSessionValidator : AbstractValidator<CancelSession>
{
    public CancelSessionValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
}

internal sealed class CancelSessionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CancelSession, Unit>
{
    public async ValueTask<Unit> Handle(CancelSession request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Session", request.SessionId);
        session.Cancel(user.ProfessionalId(), clock.GetUtcNow(), request.Reason);
        await Notices.SessionChangedAsync(db, session, NotificationKind.SessionCancelled, null, request.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class SessionDetailsFrom
{
    public static async Task<SessionDetails> InputAsync(IAppDbContext db, SessionInput input, Offering offering, CancellationToken ct)
    {
        var zone = input.TimeZone ?? offering.TimeZone;
        var institutionId = input.InstitutionId ?? offering.HostInstitutionId;
        if (!await db.Institutions.AnyAsync(i => i.Id == institutionId, ct))
            throw new RequestValidationException("institutionId", "institution.unknown");
        return new SessionDetails(input.Title, input.Type, SessionTimes.ToUtc(input.StartsAtLocal, zone), SessionTimes.ToUtc(input.EndsAtLocal, zone),
            zone, institutionId, input.Place, input.JoinUrl);
    }
}
