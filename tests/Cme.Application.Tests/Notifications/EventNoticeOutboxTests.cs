using Cme.Application.Notifications;
using Cme.Domain.Notifications;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Tests.Notifications;

/// <summary>The outbox port every event uses: in the event's transaction, once per key, per the recipient's channels.</summary>
public sealed class EventNoticeOutboxTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    private Task<Guid> GpAsync() => app.QueryAsync(db => db.Professionals.Where(p => p.Email == Demo.Gp).Select(p => p.Id).SingleAsync());

    private static EventNotice Notice(Guid recipient, Guid subject) =>
        EventNotice.Of(recipient, NotificationKind.EnrolmentConfirmed, subject, "EnrolmentConfirmed", new { offeringTitle = "2026年冬季班" });

    private Task<int> RowsAsync(Guid subject) => app.QueryAsync(db => db.Notifications.CountAsync(n => n.SubjectId == subject));

    [Fact]
    public async Task ANotice_WhoseTransactionRollsBack_IsNeverWritten()
    {
        var gp = await GpAsync();
        var subject = Guid.CreateVersion7();

        await app.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.EnqueueNoticesAsync([Notice(gp, subject)], CancellationToken.None);
            (await db.Notifications.CountAsync(n => n.SubjectId == subject)).ShouldBe(2); // written, inside the transaction
            await transaction.RollbackAsync();
            return 0;
        });

        (await RowsAsync(subject)).ShouldBe(0);
    }

    [Fact]
    public async Task TheSameNoticeTwice_OrOnceMoreLater_IsWrittenOnce_OnBothChannels_InTheRecipientsLanguage()
    {
        var gp = await GpAsync();
        var subject = Guid.CreateVersion7();

        for (var i = 0; i < 2; i++)
        {
            await app.QueryAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.EnqueueNoticesAsync([Notice(gp, subject), Notice(gp, subject)], CancellationToken.None);
                await transaction.CommitAsync();
                return 0;
            });
        }

        var rows = await app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.SubjectId == subject).ToListAsync());
        rows.Select(n => n.Channel).Order().ShouldBe([NotificationChannel.InApp, NotificationChannel.Email]);
        rows.ShouldAllBe(n => n.Language == "zh-CN" && n.Status == NotificationStatus.Pending && n.RecipientId == gp);
        rows.Select(n => n.DedupKey).ShouldBe(
            rows.Select(n => Notification.KeyOf(gp, NotificationKind.EnrolmentConfirmed, subject, "EnrolmentConfirmed", n.Channel)), ignoreOrder: true);
    }

    [Fact]
    public async Task WithoutATransaction_ANoticeIsRefused_ForItWouldOutliveAFailedEvent()
    {
        var gp = await GpAsync();
        var subject = Guid.CreateVersion7();

        await Should.ThrowAsync<InvalidOperationException>(() =>
            app.QueryAsync(async db =>
            {
                await db.EnqueueNoticesAsync([Notice(gp, subject)], CancellationToken.None);
                return 0;
            }));

        (await RowsAsync(subject)).ShouldBe(0);
    }
}
