namespace Cme.Application.Notifications;

/// <summary>An e-mail to one person; the notification's id travels in a header (X-Cme-Notification).</summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body, Guid NotificationId);

/// <summary>Sends e-mail (SMTP, or a pickup folder in development).</summary>
public interface IEmailSender
{
    /// <summary>A connection for a batch of messages, used by one dispatcher at a time.</summary>
    IEmailSession Open();
}

public interface IEmailSession : IDisposable
{
    /// <summary>Returns when the server accepted the message; throws when it did not.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
