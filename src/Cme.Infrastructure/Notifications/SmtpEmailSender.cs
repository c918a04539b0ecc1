using System.Net;
using System.Net.Mail;
using System.Text;
using Cme.Application.Notifications;
using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Notifications;

/// <summary>Settings under Cme:Email. Without a Host, messages are written as .eml files to PickupDirectory.</summary>
public sealed class EmailOptions
{
    public string? Host { get; init; }
    public int Port { get; init; } = 25;
    public bool EnableSsl { get; init; }
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "Consortium CME <no-reply@cme.local>";
    public string PickupDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "cme-mail");
    public int TimeoutSeconds { get; init; } = 30;

    public static EmailOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection("Cme:Email").Get<EmailOptions>() ?? new EmailOptions();
        return options;
    }
}

/// <summary>E-mail over SMTP with System.Net.Mail (host, port, TLS, credentials from configuration), or to a pickup folder.</summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public IEmailSession Open() => new Session(options);

    private sealed class Session : IEmailSession
    {
        private readonly SmtpClient _client;
        private readonly MailAddress _from;

        public Session(EmailOptions options)
        {
            _from = new MailAddress(options.From);
            _client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                Directory.CreateDirectory(options.PickupDirectory);
                _client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
                _client.PickupDirectoryLocation = options.PickupDirectory;
            }
            else
            {
                _client.Host = options.Host;
                _client.Port = options.Port;
                _client.EnableSsl = options.EnableSsl;
                if (!string.IsNullOrEmpty(options.UserName))
                    _client.Credentials = new NetworkCredential(options.UserName, options.Password);
            }
        }

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            using var mail = new MailMessage(_from, new MailAddress(message.To, message.ToName))
            {
                Subject = message.Subject,
                Body = message.Body,
                SubjectEncoding = Encoding.UTF8,
                BodyEncoding = Encoding.UTF8,
                HeadersEncoding = Encoding.UTF8,
            };
            mail.Headers.Add("X-Cme-Notification", message.NotificationId.ToString());
            // The same Message-ID on every attempt: a resend after a crash (see docs/notifications.md) can be recognised downstream.
            mail.Headers.Add("Message-ID", $"<{message.NotificationId:N}@cme.notifications>");
            await _client.SendMailAsync(mail, cancellationToken);
        }

        public void Dispose() => _client.Dispose();
    }
}
