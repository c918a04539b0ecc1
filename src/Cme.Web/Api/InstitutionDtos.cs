namespace Cme.Web.Api;

public sealed record PagedResponse<T>(IReadOnlyList<T>? Items, int Page, int PageSize, int TotalCount)
{
    public IReadOnlyList<T> Rows => Items ?? [];

    public int TotalPages => PageSize <= 0 ? 1 : Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public sealed record CreatedResponse(Guid Id);

public sealed record InstitutionSummary(
    Guid Id, string Code, string Name, string? NameEn, InstitutionTier Tier, string? Region, int StaffCount);

public sealed record InstitutionDetails(
    Guid Id, string Code, string Name, string? NameEn, InstitutionTier Tier, string? Region);

public sealed record CreateInstitutionRequest(
    string Code, string Name, string NameEn, InstitutionTier Tier, string Region);

public sealed record UpdateInstitutionRequest(string Name, string NameEn, InstitutionTier Tier, string Region);

public sealed record InstitutionQuery(string? Search, InstitutionTier? Tier, int Page, int PageSize);
