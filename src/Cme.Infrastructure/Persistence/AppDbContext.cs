using Cme.Application.Common.Interfaces;
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
using Cme.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Cme.Infrastructure.Persistence;

public sealed class AppDbContext(
    DbContextOptions<AppDbContext> options,
    IAuditContext auditContext,
    ICurrentUser currentUser,
    TimeProvider clock)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IAppDbContext
{
    public DbSet<Consortium> Consortia => Set<Consortium>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Professional> Professionals => Set<Professional>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseVersion> CourseVersions => Set<CourseVersion>();
    public DbSet<CourseModule> CourseModules => Set<CourseModule>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();
    public DbSet<CourseProgress> CourseProgress => Set<CourseProgress>();
    public DbSet<ScenarioAttempt> ScenarioAttempts => Set<ScenarioAttempt>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<Offering> Offerings => Set<Offering>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionTrainer> SessionTrainers => Set<SessionTrainer>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<TrainerProfile> Trainers => Set<TrainerProfile>();
    public DbSet<TrainerCandidate> TrainerCandidates => Set<TrainerCandidate>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<CreditPolicy> CreditPolicies => Set<CreditPolicy>();
    public DbSet<CreditLedgerEntry> CreditLedger => Set<CreditLedgerEntry>();
    public DbSet<AttendanceRecord> Attendance => Set<AttendanceRecord>();
    public DbSet<CourseEvaluation> CourseEvaluations => Set<CourseEvaluation>();
    public DbSet<ExternalActivity> ExternalActivities => Set<ExternalActivity>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateBatch> CertificateBatches => Set<CertificateBatch>();
    public DbSet<CertificateBatchItem> CertificateBatchItems => Set<CertificateBatchItem>();
    public DbSet<PendingCertificate> PendingCertificates => Set<PendingCertificate>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationAttempt> NotificationAttempts => Set<NotificationAttempt>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<PlannerPass> PlannerPasses => Set<PlannerPass>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SnakeCaseNaming.Apply(builder);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (auditContext.Action is { } action)
        {
            var entries = AuditTrail.Collect(ChangeTracker, action, currentUser, clock.GetUtcNow());
            AuditEntries.AddRange(entries);
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public Task EnqueueNoticesAsync(IReadOnlyCollection<Application.Notifications.EventNotice> notices, CancellationToken cancellationToken) =>
        Infrastructure.Notifications.NoticeSql.EnqueueAsync(Database, notices, clock.GetUtcNow(), cancellationToken);
}
