using Cme.Application.Common.Reasons;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Notifications;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Notifications;

public sealed record NotificationPreferenceView(NotificationKind Kind, bool InApp, bool Email);

/// <summary>My choice of channels for every kind of notification (both on unless I turned one off).</summary>
[Authenticated]
public sealed record GetMyNotificationPreferences : IQuery<IReadOnlyList<NotificationPreferenceView>>;

internal sealed class GetMyNotificationPreferencesHandler(IAppDbContext db, ICurrentUser user)
    : IRequestHandler<GetMyNotificationPreferences, IReadOnlyList<NotificationPreferenceView>>
{
    public async ValueTask<IReadOnlyList<NotificationPreferenceView>> Handle(GetMyNotificationPreferences request, CancellationToken cancellationToken)
    {
        var stored = user.ProfessionalId is { } me
            ? await db.NotificationPreferences.AsNoTracking().Where(p => p.ProfessionalId == me).ToListAsync(cancellationToken)
            : [];
        // A reset link is sent whatever the preferences: it is not a choice to offer.
        return [.. Enum.GetValues<NotificationKind>().Where(kind => kind != NotificationKind.PasswordReset).Select(kind => stored.FirstOrDefault(p => p.Kind == kind) is { } p
            ? new NotificationPreferenceView(kind, p.InApp, p.Email)
            : new NotificationPreferenceView(kind, true, true))];
    }
}

/// <summary>
/// Sets my channels per kind. Pending notifications on a channel I turn off are not sent (the
/// dispatcher cancels them); turning one back on applies to what is planned from then on.
/// </summary>
[Authenticated]
public sealed record SetMyNotificationPreferences(IReadOnlyList<NotificationPreferenceView> Preferences) : ICommand<Unit>;

internal sealed class SetMyNotificationPreferencesValidator : AbstractValidator<SetMyNotificationPreferences>
{
    public SetMyNotificationPreferencesValidator()
    {
        RuleFor(x => x.Preferences).NotNull().Must(p => p.Select(x => x.Kind).Distinct().Count() == p.Count).WithReason("notification.kind-repeated");
        RuleForEach(x => x.Preferences).ChildRules(p => p.RuleFor(x => x.Kind).IsInEnum());
    }
}

internal sealed class SetMyNotificationPreferencesHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<SetMyNotificationPreferences, Unit>
{
    public async ValueTask<Unit> Handle(SetMyNotificationPreferences request, CancellationToken cancellationToken)
    {
        if (user.ProfessionalId is not { } me)
            throw new Common.Exceptions.ConflictException("notification.no-professional");
        var stored = await db.NotificationPreferences.Where(p => p.ProfessionalId == me).ToListAsync(cancellationToken);
        foreach (var choice in request.Preferences)
        {
            if (stored.FirstOrDefault(p => p.Kind == choice.Kind) is { } existing)
                existing.Change(choice.InApp, choice.Email);
            else
                db.NotificationPreferences.Add(new NotificationPreference(me, choice.Kind, choice.InApp, choice.Email));
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
