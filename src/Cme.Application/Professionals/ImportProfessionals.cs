using Cme.Application.Common.Reasons;
using Cme.Domain.Common;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Professionals;

/// <summary>
/// Imports staff from a UTF-8 CSV file. Every row is checked first; when any row is bad the
/// answer lists each bad row with its reason and nothing is written.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record ImportProfessionals(string CsvText) : ICommand<ImportResult>
{
    public const int MaxRows = 5000;
}

public sealed record ImportResult(int ImportedCount, IReadOnlyList<ImportedProfessional> Rows);

public sealed record ImportedProfessional(int Row, Guid Id, string LicenceNumber, string NameZh, string Email, string TemporaryPassword);

internal sealed class ImportProfessionalsHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity)
    : IRequestHandler<ImportProfessionals, ImportResult>
{
    private readonly Dictionary<string, List<Reason>> _errors = [];

    public async ValueTask<ImportResult> Handle(ImportProfessionals request, CancellationToken cancellationToken)
    {
        var (rows, fileError) = ProfessionalCsvRow.Read(request.CsvText);
        if (fileError is not null)
            throw new RequestValidationException("file", fileError.Code, fileError.Values);
        if (rows.Count > ImportProfessionals.MaxRows)
            throw new RequestValidationException("file", "import.too-many-rows", new { max = ImportProfessionals.MaxRows });

        var codes = rows.Select(r => r.InstitutionCode.ToUpperInvariant()).Distinct().ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => codes.Contains(i.Code))
            .ToDictionaryAsync(i => i.Code, i => i.Id, cancellationToken);
        var licences = rows.Select(r => r.LicenceNumber.ToUpperInvariant()).ToList();
        var takenLicences = (await db.Professionals.AsNoTracking().Where(p => licences.Contains(p.LicenceNumber))
            .Select(p => p.LicenceNumber).ToListAsync(cancellationToken)).ToHashSet();
        var grantable = StaffAccess.GrantableRoles(user);
        var scope = StaffAccess.InstitutionScope(user);

        var valid = new List<(ProfessionalCsvRow Row, Professional Professional, string[] Roles)>();
        var seenLicences = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var candidate = new ProfessionalCsvRowValidator().Validate(row);
            foreach (var failure in candidate.Errors)
                Error(row, failure.PropertyName, ValidationReasons.Of(failure));

            if (!ProfessionalCsvRow.ProfessionNames.TryGetValue(row.Profession, out var profession))
                Error(row, "profession", Reason.Of("professional.profession-unknown", new { profession = row.Profession }));
            if (!ProfessionalCsvRow.TitleNames.TryGetValue(row.TitleLevel, out var title))
                Error(row, "titleLevel", Reason.Of("professional.title-unknown", new { titleLevel = row.TitleLevel }));
            if (!institutions.TryGetValue(row.InstitutionCode.ToUpperInvariant(), out var institutionId))
                Error(row, "institutionCode", Reason.Of("institution.code-unknown", new { code = row.InstitutionCode }));
            else if (scope is { } own && own != institutionId)
                Error(row, "institutionCode", Reason.Of("staff.other-institution"));
            // An InstitutionAdmin learns only that a row cannot be created, never which field exists elsewhere.
            var hidden = scope is not null;
            var licenceTaken = takenLicences.Contains(row.LicenceNumber.ToUpperInvariant());
            if (licenceTaken)
                Error(row, hidden ? "row" : "licenceNumber", hidden ? Reason.Of(StaffAccess.AccountConflict) : Reason.Of("professional.licence-taken", new { licence = row.LicenceNumber }));
            if (row.LicenceNumber.Length > 0 && !seenLicences.Add(row.LicenceNumber))
                Error(row, "licenceNumber", Reason.Of("import.licence-repeated", new { licence = row.LicenceNumber }));
            if (row.Email.Length > 0 && !seenEmails.Add(row.Email))
                Error(row, "email", Reason.Of("import.email-repeated", new { email = row.Email }));
            else if (Professional.IsValidEmail(row.Email) && !(hidden && licenceTaken) && await identity.EmailInUseAsync(row.Email, null, cancellationToken))
                Error(row, hidden ? "row" : "email", hidden ? Reason.Of(StaffAccess.AccountConflict) : Reason.Of("professional.email-taken"));
            var roles = row.Roles.Split([';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (roles.Length == 0)
                roles = [Roles.Learner];
            foreach (var role in roles.Where(r => !grantable.Contains(r)))
                Error(row, "roles", Reason.Of("import.role-refused", new { role }));

            if (!_errors.Keys.Any(k => k.StartsWith($"rows[{row.Row}]", StringComparison.Ordinal)))
            {
                var language = row.Language.Length == 0 ? Languages.Chinese : row.Language;
                valid.Add((row, new Professional(institutionId, row.NameZh, row.NameLatin, profession, title,
                    row.LicenceNumber, row.Email, language), roles));
            }
        }
        if (_errors.Count > 0)
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => (IReadOnlyList<Reason>)e.Value));

        var imported = new List<ImportedProfessional>();
        foreach (var (row, professional, roles) in valid)
        {
            var password = identity.GenerateTemporaryPassword();
            professional.LinkAccount(await identity.CreateUserAsync(professional.Email, password, roles, temporaryPassword: true, cancellationToken));
            db.Professionals.Add(professional);
            imported.Add(new ImportedProfessional(row.Row, professional.Id, professional.LicenceNumber, professional.NameZh, professional.Email, password));
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(imported.Count, imported);
    }

    private void Error(ProfessionalCsvRow row, string field, Reason message)
    {
        var key = $"rows[{row.Row}].{char.ToLowerInvariant(field[0])}{field[1..]}";
        if (!_errors.TryGetValue(key, out var list))
            _errors[key] = list = [];
        list.Add(message);
    }
}

internal sealed class ProfessionalCsvRowValidator : AbstractValidator<ProfessionalCsvRow>
{
    public ProfessionalCsvRowValidator()
    {
        RuleFor(x => x.NameZh).ChineseName();
        RuleFor(x => x.NameLatin).LatinName();
        RuleFor(x => x.LicenceNumber).Licence();
        RuleFor(x => x.Email).Email();
        When(x => x.Language.Length > 0, () => RuleFor(x => x.Language).Language());
    }
}
