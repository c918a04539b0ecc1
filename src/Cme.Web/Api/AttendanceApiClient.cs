using System.Net.Http.Headers;

namespace Cme.Web.Api;

/// <summary>A session's trainers and the CME office: the rotating code, the roster, imports, teaching credit.</summary>
public sealed class AttendanceApiClient(HttpClient http) : ApiClientBase(http)
{
    private static string Path(Guid sessionId) => $"api/v1/sessions/{sessionId}";

    public Task<ApiResult<CurrentCheckInCode>> CodeAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        GetAsync<CurrentCheckInCode>($"{Path(sessionId)}/check-in-code", cancellationToken);

    public Task<ApiResult<List<RosterLine>>> RosterAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        GetAsync<List<RosterLine>>($"{Path(sessionId)}/roster", cancellationToken);

    public Task<ApiResult<CompletionView>> MarkAsync(Guid sessionId, Guid learnerId, AttendanceStatus status, CancellationToken cancellationToken = default) =>
        SendAsync<CompletionView>(new HttpRequestMessage(HttpMethod.Put, $"{Path(sessionId)}/roster/{learnerId}")
        {
            Content = Json(new MarkAttendanceRequest(status)),
        }, cancellationToken);

    /// <summary>Forwards a participant report as the multipart field <c>file</c>.</summary>
    public Task<ApiResult<AttendanceImportResult>> ImportAsync(Guid sessionId, Stream csv, string fileName, CancellationToken cancellationToken = default)
    {
        var file = new StreamContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var content = new MultipartFormDataContent { { file, "file", fileName } };
        return SendAsync<AttendanceImportResult>(new HttpRequestMessage(HttpMethod.Post, $"{Path(sessionId)}/attendance-import") { Content = content },
            cancellationToken);
    }

    public Task<ApiResult<List<TeachingAward>>> AwardTeachingCreditsAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<List<TeachingAward>>(new HttpRequestMessage(HttpMethod.Post, $"{Path(sessionId)}/teaching-credits"), cancellationToken);
}
