using System.Net.Security;
using System.Net.Sockets;
using Cme.Application.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;
using MimeKit.Text;

namespace Cme.Infrastructure.Notifications;

/// <summary>Settings under Cme:Email. Without a Host, messages are written as .eml files to PickupDirectory.</summary>
public sealed class EmailOptions
{
    public string? Host { get; init; }
    public int Port { get; init; } = 25;

    /// <summary>TLS: off (plain SMTP); on with port 465, TLS from the first byte; on with any other port, STARTTLS, required.</summary>
    public bool EnableSsl { get; init; }
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "Consortium CME <no-reply@cme.local>";
    public string PickupDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "cme-mail");
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// Set only in code (tests with a self-signed server certificate); without it the operating
    /// system's trust store decides. Never read from configuration.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>How <see cref="EnableSsl"/> and <see cref="Port"/> map to MailKit's TLS choice (docs/notifications.md).</summary>
    public SecureSocketOptions TlsMode => !EnableSsl ? SecureSocketOptions.None
        : Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    public static EmailOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cme:Email");
        var defaults = new EmailOptions();
        return new EmailOptions
        {
            Host = section["Host"],
            Port = section.GetValue("Port", defaults.Port),
            EnableSsl = section.GetValue("EnableSsl", defaults.EnableSsl),
            UserName = section["UserName"],
            Password = section["Password"],
            From = section["From"] ?? defaults.From,
            PickupDirectory = section["PickupDirectory"] ?? defaults.PickupDirectory,
            TimeoutSeconds = section.GetValue("TimeoutSeconds", defaults.TimeoutSeconds),
        };
    }
}

/// <summary>
/// E-mail with MailKit: a session holds one SMTP connection (TLS and authentication as configured)
/// for a whole batch, connected at its first message and reconnected once if the server dropped it
/// between messages. Without a Host, each message is written as an .eml file to the pickup folder.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public IEmailSession Open() => string.IsNullOrWhiteSpace(options.Host) ? new PickupSession(options) : new SmtpSession(options);

    internal static MimeMessage Compose(EmailOptions options, EmailMessage message)
    {
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            // The same Message-ID on every attempt: a resend after a crash (see docs/notifications.md) can be recognised downstream.
            MessageId = $"{message.NotificationId:N}@cme.notifications",
            Body = new TextPart(TextFormat.Plain) { Text = message.Body },
        };
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(new MailboxAddress(message.ToName, message.To));
        mail.Headers.Add("X-Cme-Notification", message.NotificationId.ToString());
        return mail;
    }

    private sealed class PickupSession : IEmailSession
    {
        private readonly EmailOptions _options;

        public PickupSession(EmailOptions options)
        {
            _options = options;
            Directory.CreateDirectory(options.PickupDirectory);
        }

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            using var mail = Compose(_options, message);
            mail.Prepare(EncodingConstraint.SevenBit);
            await mail.WriteToAsync(Path.Combine(_options.PickupDirectory, $"{Guid.NewGuid():N}.eml"), cancellationToken);
        }

        public void Dispose()
        {
        }
    }

    private sealed class SmtpSession(EmailOptions options) : IEmailSession
    {
        // MailKit's SMTP client class (not System.Net.Mail's), named in full once, here.
        private readonly MailKit.Net.Smtp.SmtpClient _client = new()
        {
            Timeout = options.TimeoutSeconds * 1000,
            ServerCertificateValidationCallback = options.ServerCertificateValidation,
        };

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            using var mail = Compose(options, message);
            var reconnected = false;
            if (!_client.IsConnected)
            {
                await ConnectAsync(cancellationToken);
                reconnected = true;
            }
            try
            {
                await _client.SendAsync(mail, cancellationToken);
            }
            catch (Exception e) when (!reconnected && Dropped(e))
            {
                // The server closed the connection since the last message (idle timeout, restart): once more on a new one.
                await ConnectAsync(cancellationToken);
                await _client.SendAsync(mail, cancellationToken);
            }
        }

        private static bool Dropped(Exception e) => e is ServiceNotConnectedException or IOException or SocketException or SmtpProtocolException
            || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

        private async Task ConnectAsync(CancellationToken cancellationToken)
        {
            if (_client.IsConnected)
                await _client.DisconnectAsync(false, cancellationToken);
            await _client.ConnectAsync(options.Host!, options.Port, options.TlsMode, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
                await _client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }

        public void Dispose()
        {
            try
            {
                if (_client.IsConnected)
                    _client.Disconnect(true);
            }
            catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException or OperationCanceledException)
            {
                // The batch is done; a QUIT that fails changes nothing.
            }
            _client.Dispose();
        }
    }
}
