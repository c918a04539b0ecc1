using Cme.Domain.Common;
using CsvHelper;
using Cme.Domain.Professionals;

namespace Cme.Application.Professionals;

/// <summary>One data row of a staff CSV file, as text; headers may be English or Chinese.</summary>
internal sealed record ProfessionalCsvRow(
    int Row, string NameZh, string NameLatin, string Profession, string TitleLevel, string LicenceNumber,
    string InstitutionCode, string Email, string Language, string Roles)
{
    private static readonly Dictionary<string, string[]> Headers = new()
    {
        ["name_zh"] = ["name_zh", "姓名"],
        ["name_latin"] = ["name_latin", "拼音", "英文名"],
        ["licence_number"] = ["licence_number", "license_number", "执业证号"],
        ["profession"] = ["profession", "职业", "专业类别"],
        ["title_level"] = ["title_level", "职称"],
        ["institution_code"] = ["institution_code", "机构编码"],
        ["email"] = ["email", "邮箱"],
        ["language"] = ["language", "语言"],
        ["roles"] = ["roles", "角色"],
    };

    private static readonly string[] RequiredHeaders =
        ["name_zh", "name_latin", "licence_number", "profession", "title_level", "institution_code", "email"];

    /// <summary>Reads every row; a missing column is reported once, as an error of the file.</summary>
    public static (List<ProfessionalCsvRow> Rows, Reason? FileError) Read(string text)
    {
        using var csv = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions { TrimWhitespace = true });
        string[] header;
        try
        {
            header = csv.Headers.Select(h => h.Trim()).ToArray();
        }
        catch (CsvFormatException)
        {
            return ([], Reason.Of("csv.invalid"));
        }
        if (header.Length == 0)
            return ([], Reason.Of("file.empty"));

        var index = Headers.ToDictionary(
            kv => kv.Key,
            kv => Array.FindIndex(header, h => kv.Value.Contains(h, StringComparer.OrdinalIgnoreCase)));
        var missing = RequiredHeaders.Where(h => index[h] < 0).ToList();
        if (missing.Count > 0)
            return ([], Reason.Of("import.columns-missing", new { columns = missing.ToList() }));

        string Field(string name) => index[name] is var i and >= 0 && i < csv.FieldCount ? csv.GetString(i).Trim() : "";
        var rows = new List<ProfessionalCsvRow>();
        try
        {
            while (csv.Read())
            {
                rows.Add(new ProfessionalCsvRow(rows.Count + 1, Field("name_zh"), Field("name_latin"), Field("profession"),
                    Field("title_level"), Field("licence_number"), Field("institution_code"), Field("email"),
                    Field("language"), Field("roles")));
            }
        }
        catch (CsvFormatException)
        {
            return ([], Reason.Of("csv.row-invalid", new { row = rows.Count + 1 }));
        }
        return (rows, rows.Count == 0 ? Reason.Of("import.no-rows") : null);
    }

    public static readonly IReadOnlyDictionary<string, Profession> ProfessionNames = Names(new Dictionary<string, Profession>
    {
        ["全科医生"] = Domain.Professionals.Profession.GeneralPractitioner,
        ["全科医师"] = Domain.Professionals.Profession.GeneralPractitioner,
        ["临床医师"] = Domain.Professionals.Profession.Physician,
        ["护士"] = Domain.Professionals.Profession.Nurse,
        ["药师"] = Domain.Professionals.Profession.Pharmacist,
        ["医技人员"] = Domain.Professionals.Profession.MedicalTechnologist,
        ["公共卫生医师"] = Domain.Professionals.Profession.PublicHealth,
        ["其他"] = Domain.Professionals.Profession.Other,
    });

    public static readonly IReadOnlyDictionary<string, TitleLevel> TitleNames = Names(new Dictionary<string, TitleLevel>
    {
        ["初级"] = Domain.Professionals.TitleLevel.Junior,
        ["中级"] = Domain.Professionals.TitleLevel.Intermediate,
        ["副高级"] = Domain.Professionals.TitleLevel.AssociateSenior,
        ["正高级"] = Domain.Professionals.TitleLevel.Senior,
    });

    /// <summary>Chinese labels plus the enum names themselves, case-insensitive.</summary>
    private static Dictionary<string, T> Names<T>(Dictionary<string, T> chinese) where T : struct, Enum
    {
        var all = new Dictionary<string, T>(chinese, StringComparer.OrdinalIgnoreCase);
        foreach (var value in Enum.GetValues<T>())
            all[value.ToString()] = value;
        return all;
    }
}
