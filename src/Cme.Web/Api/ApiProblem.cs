using System.Net;
using System.Text.Json;

namespace Cme.Web.Api;

/// <summary>An RFC 7807 problem returned by the API, or made up here when the answer was not one.</summary>
public sealed class ApiProblem
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors =
        new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    public ApiProblem(int status, string? title = null, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyList<NamedProblem>? problems = null,
        string? code = null, IReadOnlyDictionary<string, string[]>? codes = null, string? twoFactorToken = null)
    {
        Status = status;
        TwoFactorToken = twoFactorToken;
        Code = code;
        Codes = codes ?? NoErrors;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
        Problems = problems ?? [];
    }

    public int Status { get; }

    /// <summary>The ticket for the second step of signing in, when the password was right and the account uses two-factor sign-in.</summary>
    public string? TwoFactorToken { get; }

    public string? Title { get; }

    /// <summary>The API's words for the refusal, already in the page's language (the API answers in the Accept-Language sent).</summary>
    public string? Detail { get; }

    /// <summary>The reason as a stable code (<c>enrolment.closed</c>, <c>validation.failed</c>…), for a page that says it in its own words.</summary>
    public string? Code { get; }

    /// <summary>Each field's reasons by code, keyed like <see cref="Errors"/>.</summary>
    public IReadOnlyDictionary<string, string[]> Codes { get; }

    /// <summary>Whether the API gave this reason, for the whole request or for any field.</summary>
    public bool Says(string code) => Code == code || Codes.Values.Any(c => c.Contains(code));

    /// <summary>Field errors keyed as the API sends them (camelCase names, or row keys for imports); case-insensitive.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool HasFieldErrors => Errors.Count > 0;

    /// <summary>Every failed check the API named (the <c>problems</c> extension), such as a refused trainer assignment.</summary>
    public IReadOnlyList<NamedProblem> Problems { get; }

    public IReadOnlyList<string> For(string field) =>
        Errors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Errors whose keys are not among <paramref name="shownFields"/>, to show above the form.</summary>
    public IEnumerable<string> OtherErrors(IReadOnlyCollection<string> shownFields) =>
        Errors.Where(e => !shownFields.Contains(e.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(e => e.Value);

    /// <summary>Validation found in this app before calling the API, in the same shape.</summary>
    public static ApiProblem Validation(string field, string message) =>
        new((int)HttpStatusCode.BadRequest, errors: new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            [field] = [message],
        });

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return new ApiProblem(status);

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new ApiProblem(status);
            return new ApiProblem(status, ReadString(root, "title"), ReadString(root, "detail"), ReadErrors(root, "errors"), ReadProblems(root),
                ReadString(root, "code"), ReadErrors(root, "codes"), ReadString(root, "twoFactorToken"));
        }
        catch (JsonException)
        {
            return new ApiProblem(status);
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<NamedProblem> ReadProblems(JsonElement root)
    {
        if (!root.TryGetProperty("problems", out var element) || element.ValueKind != JsonValueKind.Array)
            return [];
        return element.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object)
            .Select(p => new NamedProblem(ReadString(p, "check") ?? "", ReadString(p, "message") ?? ""))
            .ToList();
    }

    private static Dictionary<string, string[]> ReadErrors(JsonElement root, string name)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Object)
            return errors;

        foreach (var property in element.EnumerateObject())
        {
            string[] messages = property.Value.ValueKind switch
            {
                JsonValueKind.Array => property.Value.EnumerateArray()
                    .Where(m => m.ValueKind == JsonValueKind.String)
                    .Select(m => m.GetString()!)
                    .ToArray(),
                JsonValueKind.String => [property.Value.GetString()!],
                _ => [],
            };
            errors[property.Name] = messages;
        }
        return errors;
    }
}

/// <summary>One failed check, by its code (<c>specialty</c>, <c>overlap</c>…) and the API's explanation.</summary>
public sealed record NamedProblem(string Check, string Message);
