using Cme.Domain.Common;
using System.Security.Cryptography;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cme.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<AppUser> users, AppDbContext db) : IIdentityService
{
    public async Task<Guid> CreateUserAsync(string email, string password, IEnumerable<string> roles, bool temporaryPassword, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            UserName = email.Trim().ToLowerInvariant(), Email = email.Trim().ToLowerInvariant(), EmailConfirmed = true,
            MustChangePassword = temporaryPassword,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, roles));
        return user.Id;
    }

    public async Task SetRolesAsync(Guid userId, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var user = await Find(userId);
        var wanted = roles.ToHashSet(StringComparer.Ordinal);
        var current = await users.GetRolesAsync(user);
        var remove = current.Where(r => !wanted.Contains(r)).ToList();
        var add = wanted.Where(r => !current.Contains(r)).ToList();
        if (remove.Count > 0)
            Check(await users.RemoveFromRolesAsync(user, remove));
        if (add.Count > 0)
            Check(await users.AddToRolesAsync(user, add));
        if (remove.Count > 0 || add.Count > 0)
            Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task SetEmailAsync(Guid userId, string email, CancellationToken cancellationToken)
    {
        var user = await Find(userId);
        var normalised = email.Trim().ToLowerInvariant();
        if (string.Equals(user.Email, normalised, StringComparison.Ordinal))
            return;
        user.Email = normalised;
        user.UserName = normalised;
        Check(await users.UpdateAsync(user));
        // The sign-in name changed: sessions opened under the old one end (security stamp).
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task SetSignInDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken)
    {
        var user = await Find(userId);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task<bool> IsSignInDisabledAsync(Guid userId, CancellationToken cancellationToken) =>
        await users.IsLockedOutAsync(await Find(userId));

    public async Task<IReadOnlyList<Guid>> GetActiveUserIdsInRoleAsync(string role, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles.AsNoTracking()
               join r in db.Roles on ur.RoleId equals r.Id
               join u in db.Users on ur.UserId equals u.Id
               where r.Name == role && u.LockoutEnd == null
               select u.Id).Distinct().ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> GetRolesAsync(Guid userId, CancellationToken cancellationToken) =>
        (await GetRolesAsync([userId], cancellationToken)).GetValueOrDefault(userId) ?? [];

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> GetRolesAsync(
        IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
            return new Dictionary<Guid, IReadOnlyList<string>>();
        var rows = await (from ur in db.UserRoles.AsNoTracking()
                          join r in db.Roles on ur.RoleId equals r.Id
                          where userIds.Contains(ur.UserId)
                          select new { ur.UserId, r.Name })
                         .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.Select(r => r.Name!).OrderBy(RoleOrder).ToList());
    }

    public Task<bool> EmailInUseAsync(string email, Guid? exceptUserId, CancellationToken cancellationToken)
    {
        var normalised = users.NormalizeEmail(email.Trim());
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalised && u.Id != exceptUserId, cancellationToken);
    }

    public string GenerateTemporaryPassword()
    {
        // Readable characters only: no 0/O, 1/l/I.
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%*+-";
        var chars = new[] { lower, upper, digits, symbols }.Select(set => set[RandomNumberGenerator.GetInt32(set.Length)]).ToList();
        const string all = lower + upper + digits;
        while (chars.Count < 14)
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000))]);
    }

    private static int RoleOrder(string role) => Domain.Professionals.Roles.All.ToList().IndexOf(role);

    private async Task<AppUser> Find(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("User", userId);

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
            return;
        var errors = result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.OrdinalIgnoreCase) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email"
                : "account", PasswordPolicy.ReasonOf)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Reason>)[.. g.DistinctBy(r => r.Code)]);
        throw new RequestValidationException(errors);
    }
}
