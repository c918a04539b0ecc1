using System.Net.Http.Json;
using Cme.Api.Tests.Offerings;
using Cme.Infrastructure.Notifications;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cme.Api.Tests.Notifications;

/// <summary>An API with e-mail going to an in-test SMTP sink, and helpers to plan, dispatch and look at the outbox.</summary>
public class NotificationApi : CmeApiFactory
{
    public SmtpSink Sink { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cme:Email:Host"] = "127.0.0.1",
        ["Cme:Email:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cme:Notifications:MaxAttempts"] = "2",
        ["Cme:Notifications:RetryBaseSeconds"] = "0",
        ["Cme:PublicBaseUrl"] = "http://cme.test",
    };

    public Task<ReminderPlanner.Result> PlanAsync() => Services.GetRequiredService<ReminderPlanner>().PlanAsync(CancellationToken.None);

    public Task<OutboxDispatcher.Result> DispatchAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchAsync("test", CancellationToken.None);

    /// <summary>The outbox rows about one subject: (recipient e-mail, kind, channel, status, occurrence, due).</summary>
    public async Task<List<OutboxRow>> RowsAsync(Guid subjectId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT p.email, n.kind, n.channel, n.status, n.occurrence, n.due_at, n.attempts, n.last_error
            FROM notifications n JOIN professionals p ON p.id = n.recipient_id WHERE n.subject_id = @s ORDER BY n.created_at, n.kind, n.channel
            """, connection);
        command.Parameters.AddWithValue("s", subjectId);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        return rows;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed record OutboxRow(string Email, string Kind, string Channel, string Status, string Occurrence, DateTimeOffset DueAt, int Attempts, string? LastError);

internal static class ReminderTimes
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The local time in Chengdu (Asia/Shanghai) that is this far from now, to the minute.</summary>
    public static DateTime LocalIn(TimeSpan fromNow)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow + fromNow, Shanghai).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
    }

    public static async Task RescheduleAsync(OfferingSetup setup, Guid session, DateTime startLocal, string title)
    {
        var response = await setup.Admin.PutAsJsonAsync($"/api/v1/sessions/{session}", new
        {
            session = new { title, type = "CaseDiscussion", startsAtLocal = startLocal, endsAtLocal = startLocal.AddHours(2), place = "华西医院 教学楼 201" },
            reason = "专家门诊调整",
        });
        response.EnsureSuccessStatusCode();
    }
}
