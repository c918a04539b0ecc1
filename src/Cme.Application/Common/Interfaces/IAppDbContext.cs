using Cme.Domain.Attendance;
using Cme.Domain.Auditing;
using Cme.Domain.Calendars;
using Cme.Domain.Certificates;
using Cme.Domain.Consortia;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Learning;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Cme.Domain.Trainers;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Common.Interfaces;

public interface IAppDbContext
{
    DbSet<Consortium> Consortia { get; }
    DbSet<Institution> Institutions { get; }
    DbSet<Professional> Professionals { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Course> Courses { get; }
    DbSet<CourseVersion> CourseVersions { get; }
    DbSet<CourseModule> CourseModules { get; }
    DbSet<MediaAsset> MediaAssets { get; }
    DbSet<CourseProgress> CourseProgress { get; }
    DbSet<ScenarioAttempt> ScenarioAttempts { get; }
    DbSet<QuizAttempt> QuizAttempts { get; }
    DbSet<Offering> Offerings { get; }
    DbSet<Session> Sessions { get; }
    DbSet<SessionTrainer> SessionTrainers { get; }
    DbSet<Enrolment> Enrolments { get; }
    DbSet<TrainerProfile> Trainers { get; }
    DbSet<TrainerCandidate> TrainerCandidates { get; }
    DbSet<CalendarFeed> CalendarFeeds { get; }
    DbSet<CreditPolicy> CreditPolicies { get; }
    DbSet<CreditLedgerEntry> CreditLedger { get; }
    DbSet<AttendanceRecord> Attendance { get; }
    DbSet<CourseEvaluation> CourseEvaluations { get; }
    DbSet<ExternalActivity> ExternalActivities { get; }
    DbSet<Certificate> Certificates { get; }
    DbSet<CertificateBatch> CertificateBatches { get; }
    DbSet<CertificateBatchItem> CertificateBatchItems { get; }
    DbSet<PendingCertificate> PendingCertificates { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<NotificationAttempt> NotificationAttempts { get; }
    DbSet<NotificationPreference> NotificationPreferences { get; }
    DbSet<PlannerPass> PlannerPasses { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes event notices into the outbox at once, in the current transaction (one is required),
    /// one row per channel each recipient wants; a notice already written (same key) is skipped, never an error.
    /// </summary>
    Task EnqueueNoticesAsync(IReadOnlyCollection<Notifications.EventNotice> notices, CancellationToken cancellationToken);
}
