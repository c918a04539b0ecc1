using Cme.Domain.Institutions;

namespace Cme.Application.Institutions;

public sealed record InstitutionSummary(Guid Id, string Code, string Name, string NameEn, InstitutionTier Tier, string Region, int StaffCount);

public sealed record InstitutionDetails(Guid Id, string Code, string Name, string NameEn, InstitutionTier Tier, string Region);

public sealed record InstitutionCreated(Guid Id);
