using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cme.Application.Notifications;
using Cme.Infrastructure.Notifications;
using Cme.Testing;
using MailKit.Security;
using MimeKit;

namespace Cme.Api.Tests.Notifications;

/// <summary>The MailKit sender against the SmtpServer sink: one connection per batch, STARTTLS and AUTH, the pickup folder.</summary>
public sealed class EmailSenderTests
{
    private static EmailMessage Message(int i) =>
        new($"gp{i}@cme.test", $"王医生{i}", $"上课提醒：胸痛病例讨论 {i}", $"您报名的培训将于明天开始。第 {i} 封。", Guid.NewGuid());

    [Fact]
    public async Task ABatch_GoesOverOneConnection_WithItsMessageIdAndNotificationHeader()
    {
        await using var sink = new SmtpSink();
        var sender = new SmtpEmailSender(new EmailOptions { Host = "127.0.0.1", Port = sink.Port });
        var messages = Enumerable.Range(1, 25).Select(Message).ToList();

        using (var session = sender.Open())
            foreach (var message in messages)
                await session.SendAsync(message, CancellationToken.None);

        sink.Messages.Count.ShouldBe(25);
        sink.Sessions.ShouldBe(1);
        foreach (var message in messages)
        {
            var received = sink.Messages.Single(m => m.NotificationId == message.NotificationId);
            received.To.ShouldBe([message.To]);
            received.Subject.ShouldBe(message.Subject);
            received.Body.ShouldContain(message.Body);
            received.Header("Message-ID").ShouldBe($"<{message.NotificationId:N}@cme.notifications>");
            received.Mime.To.Mailboxes.Single().Name.ShouldBe(message.ToName);
        }
    }

    [Fact]
    public async Task EachBatch_OpensItsOwnConnection()
    {
        await using var sink = new SmtpSink();
        var sender = new SmtpEmailSender(new EmailOptions { Host = "127.0.0.1", Port = sink.Port });

        for (var batch = 0; batch < 3; batch++)
        {
            using var session = sender.Open();
            for (var i = 0; i < 4; i++)
                await session.SendAsync(Message(i), CancellationToken.None);
        }

        sink.Messages.Count.ShouldBe(12);
        sink.Sessions.ShouldBe(3);
    }

    [Fact]
    public async Task WhenTheServerDroppedTheConnectionBetweenTwoMessages_TheSenderConnectsAgainOnce_AndNothingIsLost()
    {
        await using var sink = new SmtpSink();
        var sender = new SmtpEmailSender(new EmailOptions { Host = "127.0.0.1", Port = sink.Port });
        var first = Message(1);
        var second = Message(2);
        var third = Message(3);

        using (var session = sender.Open())
        {
            await session.SendAsync(first, CancellationToken.None);
            sink.DropConnections();
            await session.SendAsync(second, CancellationToken.None);
            await session.SendAsync(third, CancellationToken.None);
        }

        sink.Messages.Count.ShouldBe(3);
        sink.Messages.Select(m => m.NotificationId).ShouldBe([first.NotificationId, second.NotificationId, third.NotificationId]);
        sink.Sessions.ShouldBe(2);
    }

    [Fact]
    public async Task WithSslAndAUserName_TheSenderUsesStartTlsAndAuthenticates_AndAWrongPasswordSendsNothing()
    {
        using var certificate = SelfSigned();
        await using var sink = new SmtpSink(certificate, new NetworkCredential("cme-mailer", "s3cret-Pa55"));
        var trustTheSink = new System.Net.Security.RemoteCertificateValidationCallback((_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint);
        var options = new EmailOptions
        {
            Host = "127.0.0.1", Port = sink.Port, EnableSsl = true, UserName = "cme-mailer", Password = "s3cret-Pa55",
            ServerCertificateValidation = trustTheSink,
        };
        options.TlsMode.ShouldBe(SecureSocketOptions.StartTls);
        new EmailOptions { EnableSsl = true, Port = 465 }.TlsMode.ShouldBe(SecureSocketOptions.SslOnConnect);
        new EmailOptions { EnableSsl = false, Port = 587 }.TlsMode.ShouldBe(SecureSocketOptions.None);

        var message = Message(1);
        using (var session = new SmtpEmailSender(options).Open())
            await session.SendAsync(message, CancellationToken.None);
        sink.Messages.ShouldHaveSingleItem().NotificationId.ShouldBe(message.NotificationId);

        var wrong = new EmailOptions
        {
            Host = "127.0.0.1", Port = sink.Port, EnableSsl = true, UserName = "cme-mailer", Password = "wrong",
            ServerCertificateValidation = trustTheSink,
        };
        using (var session = new SmtpEmailSender(wrong).Open())
            await Should.ThrowAsync<AuthenticationException>(() => session.SendAsync(Message(2), CancellationToken.None));
        sink.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task WithoutAHost_MessagesAreWrittenToThePickupFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cme-pickup-test-{Guid.NewGuid():N}");
        try
        {
            var message = Message(7);
            using (var session = new SmtpEmailSender(new EmailOptions { PickupDirectory = folder }).Open())
                await session.SendAsync(message, CancellationToken.None);

            var file = Directory.GetFiles(folder, "*.eml").ShouldHaveSingleItem();
            using var written = await MimeMessage.LoadAsync(file);
            written.Subject.ShouldBe(message.Subject);
            (written.TextBody ?? "").ShouldContain(message.Body);
            written.MessageId.ShouldBe($"{message.NotificationId:N}@cme.notifications");
            written.Headers["X-Cme-Notification"].ShouldBe(message.NotificationId.ToString());
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
