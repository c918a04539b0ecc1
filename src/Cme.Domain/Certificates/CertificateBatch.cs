using Cme.Domain.Common;

namespace Cme.Domain.Certificates;

public enum CertificateBatchStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// A CmeAdmin's request to issue the certificates of a whole offering, worked through in the
/// background. Its items are fixed when it is requested; each is ticked off in the same
/// transaction that issues its certificate, so a crash loses nothing and repeats nothing.
/// </summary>
public sealed class CertificateBatch : Entity
{
    private CertificateBatch() { }

    public CertificateBatch(Guid offeringId, Guid requestedBy, DateTimeOffset now) =>
        (OfferingId, RequestedBy, RequestedAt, Status) = (offeringId, requestedBy, now, CertificateBatchStatus.Queued);

    public Guid OfferingId { get; private set; }
    public Guid RequestedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public CertificateBatchStatus Status { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>Set by the worker while it runs; a batch whose heartbeat stops is picked up again.</summary>
    public DateTimeOffset? HeartbeatAt { get; private set; }
    public string? LastError { get; private set; }

    public bool IsActive => Status is CertificateBatchStatus.Queued or CertificateBatchStatus.Running;

    public void Beat(DateTimeOffset now)
    {
        if (Status != CertificateBatchStatus.Running)
            (Status, StartedAt) = (CertificateBatchStatus.Running, StartedAt ?? now);
        HeartbeatAt = now;
    }

    public void Finish(DateTimeOffset now) => (Status, FinishedAt, HeartbeatAt) = (CertificateBatchStatus.Completed, now, now);

    public void Fail(DateTimeOffset now, string error) =>
        (Status, FinishedAt, LastError) = (CertificateBatchStatus.Failed, now, error.Length > 1000 ? error[..1000] : error);

    /// <summary>A failed batch can be run again; what it already issued stays issued.</summary>
    public void Retry()
    {
        if (Status != CertificateBatchStatus.Failed)
            throw new DomainException("certificate-batch.retry-not-failed");
        (Status, FinishedAt, HeartbeatAt) = (CertificateBatchStatus.Queued, null, null);
    }
}

/// <summary>One completion award a batch is to issue a certificate for.</summary>
public sealed class CertificateBatchItem
{
    private CertificateBatchItem() { }

    public CertificateBatchItem(Guid batchId, Guid ledgerEntryId) => (BatchId, LedgerEntryId) = (batchId, ledgerEntryId);

    public Guid BatchId { get; private set; }
    public Guid LedgerEntryId { get; private set; }
    public Guid? CertificateId { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    /// <summary>Why no certificate was issued, e.g. the credit was revoked after the batch was requested.</summary>
    public string? SkipReason { get; private set; }

    public void Done(Guid certificateId, DateTimeOffset now) => (CertificateId, DoneAt) = (certificateId, now);

    public void Skip(string reason, DateTimeOffset now) => (SkipReason, DoneAt) = (reason.Length > 500 ? reason[..500] : reason, now);
}

/// <summary>
/// A completion award waiting for its certificate. Written in the transaction that awards the
/// credit, so every completion gets its certificate even if the server stops right after.
/// </summary>
public sealed class PendingCertificate
{
    private PendingCertificate() { }

    public PendingCertificate(Guid ledgerEntryId, DateTimeOffset now) => (LedgerEntryId, QueuedAt) = (ledgerEntryId, now);

    public Guid LedgerEntryId { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public void Failed(string error) => (Attempts, LastError) = (Attempts + 1, error.Length > 1000 ? error[..1000] : error);
}
