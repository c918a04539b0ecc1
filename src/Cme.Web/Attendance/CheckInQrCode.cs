using System.Globalization;
using System.Net;
using System.Text;
using Cme.Web.Api;
using QRCoder;

namespace Cme.Web.Attendance;

/// <summary>What the trainer's screen shows for the current period: the QR code of the check-in link and the 8-digit number, grouped ("1234 5678").</summary>
public sealed record CheckInDisplay(string Url, string Svg, string Number, DateTimeOffset ValidUntil, int PeriodSeconds, DateTimeOffset Now);

/// <summary>
/// Builds the absolute check-in link a learner's phone opens (<c>{Cme:PublicBaseUrl}/checkin/{session}?code={token}</c>,
/// the request's own scheme and host when not configured) and draws it as an SVG QR code.
/// </summary>
public sealed class CheckInQrCode(IConfiguration configuration, TimeProvider clock)
{
    public CheckInDisplay Display(HttpRequest request, CurrentCheckInCode code, string label)
    {
        var url = CheckInUrl(request, code.SessionId, code.Token);
        return new CheckInDisplay(url, Svg(url, label), Grouped(code.Number), code.ValidUntil, code.PeriodSeconds, clock.GetUtcNow());
    }

    /// <summary>Digits in groups of four, easier to read from the back of a room; the check-in page ignores the spaces.</summary>
    public static string Grouped(string number) =>
        number.Length > 4 && number.All(char.IsAsciiDigit)
            ? string.Join(' ', Enumerable.Range(0, (number.Length + 3) / 4).Select(i => number.Substring(i * 4, Math.Min(4, number.Length - i * 4))))
            : number;

    public string CheckInUrl(HttpRequest request, Guid sessionId, string token)
    {
        var configured = configuration["Cme:PublicBaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured;
        return $"{baseUrl.TrimEnd('/')}/checkin/{sessionId}?code={Uri.EscapeDataString(token)}";
    }

    /// <summary>
    /// The module matrix as one path of unit squares: sharp at any size, and without style attributes,
    /// which the page's Content-Security-Policy would refuse.
    /// </summary>
    public static string Svg(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x])
                    continue;
                var run = 1;
                while (x + run < size && row[x + run])
                    run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run;
            }
        }
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" class=\"qr-svg\" role=\"img\" "
            + $"aria-label=\"{WebUtility.HtmlEncode(label)}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
