using System.Text.Json;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Cme.Infrastructure.Persistence;

/// <summary>Turns the tracked changes of one save into audit entries: which record, which fields, old and new.</summary>
internal static class AuditTrail
{
    /// <summary>Secrets are never copied into the audit trail.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName",
    };

    public static List<AuditEntry> Collect(ChangeTracker tracker, string action, ICurrentUser user, DateTimeOffset now)
    {
        var result = new List<AuditEntry>();
        foreach (var entry in tracker.Entries())
        {
            // Sign-in tokens (authenticator keys, recovery codes) are secrets: their rows are not copied either.
            if (entry.Entity is AuditEntry or Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> || entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            var changes = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Hidden.Contains(name))
                    continue;
                switch (entry.State)
                {
                    case EntityState.Added:
                        changes[name] = property.CurrentValue;
                        break;
                    case EntityState.Deleted:
                        changes[name] = property.OriginalValue;
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = new { old = property.OriginalValue, @new = property.CurrentValue };
                        break;
                }
            }
            if (entry.State == EntityState.Modified && changes.Count == 0)
                continue;
            var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
            result.Add(new AuditEntry(
                now, user.UserId, user.UserName, action, entry.Metadata.ClrType.Name, string.Join('/', key),
                entry.State.ToString(), JsonSerializer.Serialize(changes)));
        }
        return result;
    }
}
