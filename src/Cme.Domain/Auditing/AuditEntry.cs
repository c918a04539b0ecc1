namespace Cme.Domain.Auditing;

/// <summary>
/// One change to one record: who did what, to which record, when. Append-only: the database
/// refuses UPDATE and DELETE on the table.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(
        DateTimeOffset occurredAt, Guid? userId, string? userName, string action, string entityType,
        string entityId, string operation, string? changes)
    {
        OccurredAt = occurredAt;
        UserId = userId;
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Operation = operation;
        Changes = changes;
    }

    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }

    /// <summary>The request that made the change, e.g. CreateInstitution.</summary>
    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";

    /// <summary>Added, Modified or Deleted.</summary>
    public string Operation { get; private set; } = "";

    /// <summary>JSON of the changed properties: {"name": {"old": "...", "new": "..."}}.</summary>
    public string? Changes { get; private set; }
}
