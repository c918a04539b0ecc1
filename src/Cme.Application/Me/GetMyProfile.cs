using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Me;

[Authenticated]
public sealed record GetMyProfile : IQuery<MyProfile>;

public sealed record MyProfile(
    Guid UserId, string? Email, Guid? ProfessionalId, string? NameZh, string? NameLatin,
    Guid? InstitutionId, string? InstitutionName, string? InstitutionNameEn,
    Profession? Profession, TitleLevel? TitleLevel, IReadOnlyCollection<string> Roles, string PreferredLanguage,
    IReadOnlyCollection<string> Gates);

internal sealed class GetMyProfileHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetMyProfile, MyProfile>
{
    public async ValueTask<MyProfile> Handle(GetMyProfile request, CancellationToken cancellationToken)
    {
        var userId = user.UserId!.Value;
        var me = await (from p in db.Professionals.AsNoTracking()
                        join i in db.Institutions on p.InstitutionId equals i.Id
                        where p.UserId == userId
                        select new { p.Id, p.NameZh, p.NameLatin, p.InstitutionId, i.Name, i.NameEn, p.Profession, p.TitleLevel, p.PreferredLanguage, p.Email })
                 .SingleOrDefaultAsync(cancellationToken);
        return me is null
            ? new MyProfile(userId, user.UserName, null, null, null, null, null, null, null, null, user.Roles, Languages.Chinese, user.Gates)
            : new MyProfile(userId, me.Email, me.Id, me.NameZh, me.NameLatin, me.InstitutionId, me.Name, me.NameEn,
                me.Profession, me.TitleLevel, user.Roles, me.PreferredLanguage, user.Gates);
    }
}
