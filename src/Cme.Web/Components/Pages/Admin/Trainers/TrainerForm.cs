using System.Globalization;
using Cme.Web.Api;
using Cme.Web.Components.Shared;

namespace Cme.Web.Components.Pages.Admin.Trainers;

/// <summary>
/// A trainer as posted. Specialties are a keyed checkbox set (<c>Form.Specialties[cardiology]=true</c>);
/// unavailable periods are lines "2026-12-20 00:00|2026-12-27 00:00|年假" in the consortium's time zone.
/// </summary>
public sealed class TrainerForm
{
    public string? ProfessionalId { get; set; }

    /// <summary>Null when the post has no box checked.</summary>
    public Dictionary<string, bool>? Specialties { get; set; }

    public QualificationLevel Level { get; set; }

    public string? QualifiedUntil { get; set; }

    public int MaxSessionsPerMonth { get; set; }

    public string? Unavailable { get; set; }

    public bool IsActive { get; set; }

    public static TrainerForm ForNew(DateTimeOffset now, string? specialty = null) => new()
    {
        Level = QualificationLevel.Trainer,
        QualifiedUntil = ZonedTime.Date(ZonedTime.ToLocal(now, null).Date.AddYears(2)),
        MaxSessionsPerMonth = 4,
        IsActive = true,
        Specialties = specialty is null ? new(StringComparer.OrdinalIgnoreCase) : new(StringComparer.OrdinalIgnoreCase) { [specialty] = true },
    };

    public static TrainerForm From(TrainerView trainer) => new()
    {
        ProfessionalId = trainer.ProfessionalId.ToString(),
        Specialties = (trainer.Specialties ?? []).ToDictionary(s => s, _ => true, StringComparer.OrdinalIgnoreCase),
        Level = trainer.Level,
        QualifiedUntil = trainer.QualifiedUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MaxSessionsPerMonth = trainer.MaxSessionsPerMonth,
        Unavailable = string.Join("\n", (trainer.Unavailable ?? []).Select(Line)),
        IsActive = trainer.IsActive,
    };

    public bool Has(string specialty) =>
        Specialties is not null && Specialties.Any(s => s.Value && string.Equals(s.Key, specialty, StringComparison.OrdinalIgnoreCase));

    public Guid? ParsedProfessionalId => Guid.TryParse(ProfessionalId, out var id) ? id : null;

    /// <summary>The API's input, or the field (as the API names it) and the line number that cannot be read.</summary>
    public (TrainerInput? Input, string? BadField, int Line) ToInput()
    {
        if (!ZonedTime.TryParseDate(QualifiedUntil, out var until))
            return (null, "qualifiedUntil", 0);
        var periods = new List<UnavailablePeriod>();
        var lines = (Unavailable ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var parts = lines[i].Split(['|', '｜'], 3, StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !ZonedTime.TryParseLocal(parts[0], out var from) || !ZonedTime.TryParseLocal(parts[1], out var to))
                return (null, "unavailable", i + 1);
            var reason = parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null;
            periods.Add(new UnavailablePeriod(ZonedTime.ToUtc(from, null), ZonedTime.ToUtc(to, null), reason));
        }
        var specialties = SpecialtyCodes.All.Where(Has).ToList();
        return (new TrainerInput(specialties, Level, until, MaxSessionsPerMonth, periods), null, 0);
    }

    private static string Line(UnavailablePeriod period)
    {
        var from = ZonedTime.Instant(period.From, null);
        var to = ZonedTime.Instant(period.To, null);
        return string.IsNullOrWhiteSpace(period.Reason) ? $"{from}|{to}" : $"{from}|{to}|{period.Reason}";
    }
}
