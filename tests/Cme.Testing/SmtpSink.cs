using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Cme.Testing;

/// <summary>One message the sink accepted, with its headers decoded.</summary>
public sealed record SinkMessage(string From, IReadOnlyList<string> To, string Raw)
{
    public string Header(string name)
    {
        var match = Regex.Match(Raw, $@"^{Regex.Escape(name)}:[ \t]*([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success ? DecodeWords(match.Groups[1].Value.Replace("\r\n", "", StringComparison.Ordinal).Trim()) : "";
    }

    public string Subject => Header("Subject");

    public Guid? NotificationId => Guid.TryParse(Header("X-Cme-Notification"), out var id) ? id : null;

    /// <summary>The text body (base64 or quoted-printable as System.Net.Mail wrote it), decoded.</summary>
    public string Body
    {
        get
        {
            var split = Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var body = split < 0 ? "" : Raw[(split + 4)..];
            var encoding = Header("Content-Transfer-Encoding");
            if (encoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
                return Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal).Trim()));
            if (encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
                return DecodeQuotedPrintable(body);
            return body;
        }
    }

    private static string DecodeWords(string value) =>
        Regex.Replace(value, @"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*", m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            return m.Groups[2].Value is "B" or "b"
                ? charset.GetString(Convert.FromBase64String(m.Groups[3].Value))
                : DecodeQuotedPrintable(m.Groups[3].Value.Replace('_', ' '));
        });

    private static string DecodeQuotedPrintable(string value)
    {
        var bytes = new List<byte>();
        var text = value.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}

/// <summary>
/// A small SMTP server on 127.0.0.1 that accepts every message and keeps it (enough SMTP for
/// System.Net.Mail: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). It can be told to refuse
/// messages, to test retries.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<SinkMessage> Messages { get; } = new();

    /// <summary>When set, DATA is answered with 451 (a temporary failure) and nothing is kept.</summary>
    public volatile bool Refuse;

    public async Task<IReadOnlyList<SinkMessage>> WaitForAsync(Func<IReadOnlyCollection<SinkMessage>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Messages) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return [.. Messages];
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            try
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, new UTF8Encoding(false));
                var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 cme-test-sink ESMTP");
                string from = "";
                var to = new List<string>();
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-cme-test-sink");
                            await writer.WriteLineAsync("250-8BITMIME");
                            await writer.WriteLineAsync("250 SMTPUTF8");
                            break;
                        case "HELO" or "NOOP":
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RSET":
                            (from, to) = ("", []);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "MAIL":
                            from = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            to.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Trim('<', '>'));
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                                data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                            if (Refuse)
                            {
                                await writer.WriteLineAsync("451 4.3.0 Try again later");
                            }
                            else
                            {
                                Messages.Enqueue(new SinkMessage(from, [.. to], data.ToString()));
                                await writer.WriteLineAsync("250 OK queued");
                            }
                            (from, to) = ("", []);
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("502 Command not implemented");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The client went away, or the sink is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
