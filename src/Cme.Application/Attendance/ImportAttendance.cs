using Cme.Domain.Common;
using System.Globalization;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Attendance;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Attendance;

public sealed record AttendanceImportRow(int Row, Guid LearnerId, string NameZh, int MinutesPresent);

public sealed record AttendanceImportResult(int ImportedRows, IReadOnlyList<AttendanceImportRow> People);

/// <summary>
/// A video platform's participant report for a session (licence number or name, join time, leave
/// time, in the session's local time). Every row is checked first; any bad row and nothing is written.
/// </summary>
[AuthorizeRoles(Roles.Trainer, Roles.CmeAdmin)]
public sealed record ImportAttendance(Guid SessionId, string CsvText) : ICommand<AttendanceImportResult>
{
    public const int MaxRows = 5000;
}

internal sealed class ImportAttendanceHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock,
    ILogger<ImportAttendanceHandler> logger)
    : IRequestHandler<ImportAttendance, AttendanceImportResult>
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

    public async ValueTask<AttendanceImportResult> Handle(ImportAttendance request, CancellationToken cancellationToken)
    {
        var session = await Attendances.EnsureTeachesAsync(db, user, request.SessionId, cancellationToken);
        var enrolled = await (from e in db.Enrolments
                              where e.OfferingId == session.OfferingId && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)
                              join p in db.Professionals on e.LearnerId equals p.Id
                              select new { p.Id, p.LicenceNumber, p.NameZh }).ToListAsync(cancellationToken);

        var errors = new Dictionary<string, List<Reason>>();
        void Error(int row, string field, string code, object? values = null) =>
            (errors.TryGetValue($"rows[{row}].{field}", out var list) ? list : errors[$"rows[{row}].{field}"] = []).Add(Reason.Of(code, values));

        using var csv = CsvReader.FromText(request.CsvText.TrimStart('\uFEFF'), new CsvReaderOptions { TrimWhitespace = true });
        string[] header;
        try { header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray(); }
        catch (CsvFormatException) { throw new RequestValidationException("file", "csv.invalid"); }
        int Column(params string[] names) => Array.FindIndex(header, h => names.Contains(h));
        var (licence, name, join, leave) = (Column("licence_number", "license_number", "执业证号"), Column("name", "姓名", "用户名"),
            Column("join_time", "入会时间", "加入时间"), Column("leave_time", "离会时间", "离开时间"));
        if ((licence < 0 && name < 0) || join < 0 || leave < 0)
            throw new RequestValidationException("file", "attendance-import.columns");

        var rows = new List<(int Row, Guid Learner, string Name, PresenceInterval Interval)>();
        var number = 0;
        while (csv.Read())
        {
            number++;
            if (number > ImportAttendance.MaxRows)
                throw new RequestValidationException("file", "import.too-many-rows", new { max = ImportAttendance.MaxRows });
            string Field(int i) => i >= 0 && i < csv.FieldCount ? csv.GetString(i).Trim() : "";
            var byLicence = Field(licence);
            var byName = Field(name);
            var matches = byLicence.Length > 0
                ? enrolled.Where(p => string.Equals(p.LicenceNumber, byLicence, StringComparison.OrdinalIgnoreCase)).ToList()
                : enrolled.Where(p => p.NameZh == byName).ToList();
            if (matches.Count == 0)
                Error(number, byLicence.Length > 0 ? "licenceNumber" : "name", "attendance-import.no-match", new { who = byLicence.Length > 0 ? byLicence : byName });
            else if (matches.Count > 1)
                Error(number, "name", "attendance-import.ambiguous-name", new { name = byName });
            else if (matches[0].Id == user.ProfessionalId)
            {
                // Nobody records their own attendance; the whole import stops, like any bad row.
                logger.LogWarning("Refused ImportAttendance row {Row} naming the importer {UserName} (professional {ProfessionalId})",
                    number, user.UserName, user.ProfessionalId);
                Error(number, byLicence.Length > 0 ? "licenceNumber" : "name", SeparationOfDuties.OwnRecord);
            }
            var joined = Parse(Field(join), session.TimeZone);
            var left = Parse(Field(leave), session.TimeZone);
            if (joined is null)
                Error(number, "joinTime", "attendance-import.time-invalid", new { value = Field(join), example = "2026-12-05 14:03" });
            if (left is null)
                Error(number, "leaveTime", "attendance-import.time-invalid", new { value = Field(leave), example = "2026-12-05 15:40" });
            if (joined is not null && left is not null && left <= joined)
                Error(number, "leaveTime", "attendance-import.leave-before-join");
            if (matches.Count == 1 && matches[0].Id != user.ProfessionalId && joined is not null && left is not null && left > joined)
                rows.Add((number, matches[0].Id, matches[0].NameZh, new PresenceInterval(joined.Value, left.Value)));
        }
        if (number == 0)
            throw new RequestValidationException("file", "import.no-rows");
        if (errors.Count > 0)
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => (IReadOnlyList<Reason>)e.Value));

        var now = clock.GetUtcNow();
        var result = new List<AttendanceImportRow>();
        foreach (var person in rows.GroupBy(r => r.Learner))
        {
            await locks.LockAsync(Attendances.LockKey(session.Id, person.Key), cancellationToken);
            var record = await Attendances.GetOrAddAsync(db, session.Id, person.Key, cancellationToken);
            record.RecordPresence(person.Select(r => r.Interval), session.StartsAt, session.EndsAt, AttendanceSource.CsvImport, user.ProfessionalId(), now);
            result.Add(new AttendanceImportRow(person.Min(r => r.Row), person.Key, person.First().Name, record.MinutesPresent));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var person in result)
            await Completion.ReevaluateAsync(db, locks, person.LearnerId, session.OfferingId, user.ProfessionalId(), now, cancellationToken);
        return new AttendanceImportResult(number, result);
    }

    private static DateTimeOffset? Parse(string text, string zone) =>
        DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? SessionTimes.ToUtc(local, zone) : null;
}
