using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Me;

/// <summary>Remembers the language a person reads the system in (pages, e-mails, certificates).</summary>
[Authenticated]
public sealed record ChangeMyLanguage(string Language) : ICommand<Unit>;

internal sealed class ChangeMyLanguageValidator : AbstractValidator<ChangeMyLanguage>
{
    public ChangeMyLanguageValidator() => RuleFor(x => x.Language).Language();
}

internal sealed class ChangeMyLanguageHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ChangeMyLanguage, Unit>
{
    public async ValueTask<Unit> Handle(ChangeMyLanguage request, CancellationToken cancellationToken)
    {
        var professional = await db.Professionals.SingleOrDefaultAsync(p => p.UserId == user.UserId, cancellationToken);
        if (professional is not null && professional.PreferredLanguage != request.Language)
        {
            professional.ChangeLanguage(request.Language);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}
