using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Reports;

/// <summary>Sessions at one institution or in one region: delivered (ended) and still planned this year.</summary>
public sealed record DeliveryGroup(string Key, string Label, string? Region, int SessionsDelivered, decimal HoursDelivered, int SessionsPlanned,
    decimal HoursPlanned);

/// <summary>Seats × hours offered in a region over the year, per general practitioner working there.</summary>
public sealed record RegionSeatHours(string Region, decimal SeatHours, int GeneralPractitioners, decimal? SeatHoursPerGp);

public sealed record TrainerWorkload(Guid TrainerId, string NameZh, string NameLatin, string HomeInstitutionName, int MaxSessionsPerMonth,
    IReadOnlyList<int> SessionsByMonth, IReadOnlyList<decimal> HoursByMonth, int Sessions, decimal Hours, int MonthsOverLimit);

/// <summary>
/// Demand on the trainer pool in one specialty against what it can give in the year. Demand counts
/// the sessions scheduled plus, for each offering with a waitlist, the sessions of a repeat run for
/// the waitlisted (ceil(waitlisted / capacity) × its sessions). Capacity is the monthly limit of the
/// active, qualified trainers with the specialty × 12.
/// </summary>
public sealed record SpecialtyShortage(string Specialty, string SpecialtyZh, string SpecialtyEn, int Trainers, int CapacitySessions,
    int ScheduledSessions, int Enrolled, int Waitlisted, int DemandSessions, int ShortfallSessions, decimal? PressurePercent);

public sealed record TrainingDeliveryReport(int Year, string TimeZone, DateTimeOffset AsOf, IReadOnlyList<DeliveryGroup> ByInstitution,
    IReadOnlyList<DeliveryGroup> ByRegion, IReadOnlyList<RegionSeatHours> SeatHoursPerGp, IReadOnlyList<TrainerWorkload> Trainers,
    IReadOnlyList<SpecialtyShortage> Shortage);

/// <summary>
/// Training delivery in a year: sessions and teaching hours per institution and region, seat-hours
/// offered per GP by region (the regional-disparity view), each trainer's load per month and the
/// trainer shortage by specialty. Sessions count where they take place, trainers at their home
/// institution, demand by the learner's institution; an InstitutionAdmin sees their own institution.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record GetTrainingDelivery(int Year, StaffFilter Filter) : IQuery<TrainingDeliveryReport>;

internal sealed class GetTrainingDeliveryValidator : AbstractValidator<GetTrainingDelivery>
{
    public GetTrainingDeliveryValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class GetTrainingDeliveryHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<GetTrainingDelivery, TrainingDeliveryReport>
{
    public async ValueTask<TrainingDeliveryReport> Handle(GetTrainingDelivery request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var filter = ReportScope.Narrow(request.Filter, user);
        var zone = Domain.Offerings.SessionTimes.Zone(CompletionStandings.ReportTimeZone);
        var yearFrom = Local(request.Year, 1, zone);
        var yearTo = Local(request.Year + 1, 1, zone);
        var institutions = ReportScope.Institutions(db, filter);
        var names = await institutions.AsNoTracking().Select(i => new { i.Id, i.Name, i.Region }).ToDictionaryAsync(i => i.Id, ct);

        var sessions = await (from s in db.Sessions.AsNoTracking()
                              where s.Status != SessionStatus.Cancelled && s.StartsAt >= yearFrom && s.StartsAt < yearTo
                                    && institutions.Any(i => i.Id == s.InstitutionId)
                              join o in db.Offerings on s.OfferingId equals o.Id
                              join c in db.Courses on o.CourseId equals c.Id
                              select new { s.Id, s.InstitutionId, s.OfferingId, s.StartsAt, s.EndsAt, o.Capacity, c.Specialty }).ToListAsync(ct);
        decimal Hours(DateTimeOffset start, DateTimeOffset end) => Math.Round((decimal)(end - start).TotalHours, 2);

        DeliveryGroup Delivery(string key, string label, string? region, IEnumerable<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> group)
        {
            var list = group.ToList();
            var delivered = list.Where(s => s.EndsAt <= now).ToList();
            var planned = list.Where(s => s.EndsAt > now).ToList();
            return new DeliveryGroup(key, label, region, delivered.Count, delivered.Sum(s => Hours(s.StartsAt, s.EndsAt)), planned.Count,
                planned.Sum(s => Hours(s.StartsAt, s.EndsAt)));
        }
        var byInstitution = names.Values
            .Select(i => Delivery(i.Id.ToString(), i.Name, i.Region, sessions.Where(s => s.InstitutionId == i.Id).Select(s => (s.StartsAt, s.EndsAt))))
            .Where(g => g.SessionsDelivered + g.SessionsPlanned > 0)
            .OrderByDescending(g => g.HoursDelivered).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
        var byRegion = names.Values.GroupBy(i => i.Region)
            .Select(r => Delivery(r.Key, r.Key, r.Key, sessions.Where(s => r.Any(i => i.Id == s.InstitutionId)).Select(s => (s.StartsAt, s.EndsAt))))
            .OrderByDescending(g => g.HoursDelivered).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();

        // The regional-disparity view: seats × hours offered in the region, per GP working there.
        var gps = await (from p in ReportScope.People(db, filter with { Profession = null, TitleLevel = null })
                         where p.Profession == Profession.GeneralPractitioner
                         join i in db.Institutions on p.InstitutionId equals i.Id
                         group p by i.Region into g
                         select new { Region = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Region, g => g.Count, ct);
        var seatHours = names.Values.Select(i => i.Region).Distinct().Select(region =>
            {
                var seats = sessions.Where(s => names[s.InstitutionId].Region == region).Sum(s => s.Capacity * Hours(s.StartsAt, s.EndsAt));
                var count = gps.GetValueOrDefault(region);
                return new RegionSeatHours(region, seats, count, count == 0 ? null : Math.Round(seats / count, 2));
            })
            .OrderBy(r => r.SeatHoursPerGp ?? 0).ThenBy(r => r.Region, StringComparer.Ordinal).ToList();

        var trainers = await (from t in db.Trainers.AsNoTracking()
                              where institutions.Any(i => i.Id == t.HomeInstitutionId)
                              join p in db.Professionals on t.ProfessionalId equals p.Id
                              select new { Trainer = t, p.NameZh, p.NameLatin }).ToListAsync(ct);
        var trainerIds = trainers.Select(t => t.Trainer.Id).ToList();
        var assignments = await (from st in db.SessionTrainers.AsNoTracking()
                                 where trainerIds.Contains(st.TrainerId)
                                 join s in db.Sessions on st.SessionId equals s.Id
                                 where s.Status != SessionStatus.Cancelled && s.StartsAt >= yearFrom && s.StartsAt < yearTo
                                 select new { st.TrainerId, s.StartsAt, s.EndsAt }).ToListAsync(ct);
        var workload = trainers.Select(t =>
            {
                var mine = assignments.Where(a => a.TrainerId == t.Trainer.Id).ToList();
                var sessionsByMonth = new int[12];
                var hoursByMonth = new decimal[12];
                foreach (var a in mine)
                {
                    var month = TimeZoneInfo.ConvertTime(a.StartsAt, zone).Month - 1;
                    sessionsByMonth[month]++;
                    hoursByMonth[month] += Hours(a.StartsAt, a.EndsAt);
                }
                return new TrainerWorkload(t.Trainer.Id, t.NameZh, t.NameLatin, names.TryGetValue(t.Trainer.HomeInstitutionId, out var home) ? home.Name : "",
                    t.Trainer.MaxSessionsPerMonth, sessionsByMonth, hoursByMonth, mine.Count, hoursByMonth.Sum(),
                    sessionsByMonth.Count(n => n > t.Trainer.MaxSessionsPerMonth));
            })
            .OrderByDescending(w => w.Sessions).ThenBy(w => w.NameZh, StringComparer.Ordinal).ToList();

        // Demand from enrolments and waitlists of learners in scope, on the offerings with sessions this year.
        var offeringIds = sessions.Select(s => s.OfferingId).Distinct().ToList();
        var enrolments = db.Enrolments.AsNoTracking().Where(e => e.Status != EnrolmentStatus.Cancelled);
        if (!ReportScope.IsEmpty(filter))
        {
            var learners = ReportScope.People(db, filter with { Profession = null, TitleLevel = null });
            enrolments = enrolments.Where(e => learners.Any(p => p.Id == e.LearnerId));
        }
        var demandRows = await (from o in db.Offerings.AsNoTracking()
                                join c in db.Courses on o.CourseId equals c.Id
                                join e in enrolments on o.Id equals e.OfferingId
                                where o.EnrolmentClosesAt >= yearFrom && o.EnrolmentOpensAt < yearTo
                                group e by new { o.Id, c.Specialty, o.Capacity, Waitlisted = e.Status == EnrolmentStatus.Waitlisted } into g
                                select new { g.Key.Id, g.Key.Specialty, g.Key.Capacity, g.Key.Waitlisted, Count = g.Count() }).ToListAsync(ct);
        var yearStart = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(yearFrom, zone).DateTime);
        var specialties = sessions.Select(s => s.Specialty).Concat(demandRows.Select(d => d.Specialty))
            .Concat(trainers.Where(t => t.Trainer.IsActive).SelectMany(t => t.Trainer.Specialties)).Distinct();
        var shortage = specialties.Select(code =>
            {
                var pool = trainers.Where(t => t.Trainer.IsActive && t.Trainer.QualifiedUntil >= yearStart && t.Trainer.Specialties.Contains(code)).ToList();
                var capacity = pool.Sum(t => t.Trainer.MaxSessionsPerMonth) * 12;
                var scheduled = sessions.Where(s => s.Specialty == code).ToList();
                var enrolled = demandRows.Where(d => d.Specialty == code && !d.Waitlisted).Sum(d => d.Count);
                var waitlisted = demandRows.Where(d => d.Specialty == code && d.Waitlisted).Sum(d => d.Count);
                var repeat = demandRows.Where(d => d.Specialty == code && d.Waitlisted && d.Capacity > 0)
                    .Sum(d => (int)Math.Ceiling((decimal)d.Count / d.Capacity) * Math.Max(1, scheduled.Count(s => s.OfferingId == d.Id)));
                var demand = scheduled.Count + repeat;
                var (zh, en) = Specialties.All.TryGetValue(code, out var name) ? name : (code, code);
                return new SpecialtyShortage(code, zh, en, pool.Count, capacity, scheduled.Count, enrolled, waitlisted, demand,
                    Math.Max(0, demand - capacity), capacity == 0 ? null : Math.Round(100m * demand / capacity, 1));
            })
            .OrderByDescending(s => s.ShortfallSessions).ThenByDescending(s => s.PressurePercent ?? decimal.MaxValue).ThenBy(s => s.Specialty).ToList();

        return new TrainingDeliveryReport(request.Year, CompletionStandings.ReportTimeZone, now, byInstitution, byRegion, seatHours, workload, shortage);
    }

    private static DateTimeOffset Local(int year, int month, TimeZoneInfo zone)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
