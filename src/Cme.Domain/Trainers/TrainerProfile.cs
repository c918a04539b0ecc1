using Cme.Domain.Common;
using Cme.Domain.Courses;

namespace Cme.Domain.Trainers;

public enum QualificationLevel
{
    /// <summary>带教培训师 (trained through train-the-trainer)</summary>
    Associate,
    /// <summary>培训师</summary>
    Trainer,
    /// <summary>高级培训师 / 专家</summary>
    Senior,
}

public sealed record UnavailablePeriod(DateTimeOffset From, DateTimeOffset To, string? Reason);

/// <summary>A member of the consortium trainer pool.</summary>
public sealed class TrainerProfile : Entity
{
    private List<string> _specialties = [];
    private List<UnavailablePeriod> _unavailable = [];

    private TrainerProfile() { }

    public TrainerProfile(Guid professionalId, Guid homeInstitutionId, TrainerDetails details)
    {
        ProfessionalId = professionalId;
        HomeInstitutionId = homeInstitutionId;
        Change(details);
        IsActive = true;
    }

    public Guid ProfessionalId { get; private set; }
    public Guid HomeInstitutionId { get; private set; }
    public IReadOnlyList<string> Specialties => _specialties;
    public QualificationLevel Level { get; private set; }
    public DateOnly QualifiedUntil { get; private set; }
    public int MaxSessionsPerMonth { get; private set; }
    public IReadOnlyList<UnavailablePeriod> Unavailable => _unavailable;
    public bool IsActive { get; private set; }

    public void Change(TrainerDetails d)
    {
        if (d.Specialties.Count == 0 || d.Specialties.Any(s => !Courses.Specialties.IsKnown(s)))
            throw new DomainException("trainer.specialties-required");
        if (!Enum.IsDefined(d.Level))
            throw new DomainException("trainer.level-unknown", new { level = d.Level });
        if (d.MaxSessionsPerMonth is < 1 or > 60)
            throw new DomainException("trainer.monthly-range");
        if (d.Unavailable.Any(p => p.To <= p.From))
            throw new DomainException("trainer.unavailable-order");
        _specialties = [.. d.Specialties.Distinct()];
        Level = d.Level;
        QualifiedUntil = d.QualifiedUntil;
        MaxSessionsPerMonth = d.MaxSessionsPerMonth;
        _unavailable = [.. d.Unavailable.OrderBy(p => p.From)];
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}

public sealed record TrainerDetails(
    IReadOnlyList<string> Specialties, QualificationLevel Level, DateOnly QualifiedUntil, int MaxSessionsPerMonth,
    IReadOnlyList<UnavailablePeriod> Unavailable);
