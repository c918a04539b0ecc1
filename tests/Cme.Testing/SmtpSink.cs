using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Cme.Testing;

/// <summary>One message the sink accepted, parsed with MimeKit.</summary>
public sealed record SinkMessage(string From, IReadOnlyList<string> To, string Raw)
{
    private readonly Lazy<MimeMessage> _mime = new(() => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Raw))));

    /// <summary>The parsed message (MimeKit).</summary>
    public MimeMessage Mime => _mime.Value;

    /// <summary>A header's value, decoded; empty when the message has none.</summary>
    public string Header(string name) => Mime.Headers[name]?.Trim() ?? "";

    public string Subject => Mime.Subject ?? "";

    public Guid? NotificationId => Guid.TryParse(Header("X-Cme-Notification"), out var id) ? id : null;

    /// <summary>The text body, decoded.</summary>
    public string Body => Mime.TextBody ?? "";
}

/// <summary>
/// An SMTP server on 127.0.0.1 for tests (the SmtpServer package; messages parsed with MimeKit)
/// that accepts every message and keeps it. It can be told to refuse messages (to test retries),
/// counts the connections it served, and can require STARTTLS (a self-signed certificate) and a
/// user name and password.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<IDisposable, byte> _open = new();
    private int _sessions;

    /// <param name="certificate">When given, the sink offers STARTTLS with it.</param>
    /// <param name="credentials">When given, the sink requires AUTH with this user name and password.</param>
    public SmtpSink(X509Certificate2? certificate = null, NetworkCredential? credentials = null)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("cme-test-sink")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)).SessionTimeout(TimeSpan.FromMinutes(5));
                if (certificate is not null)
                    endpoint.Certificate(certificate);
                if (credentials is not null)
                    endpoint.AuthenticationRequired().AllowUnsecureAuthentication(certificate is null);
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(new NoDelayListenerFactory(port => _port.TrySetResult(port), _open));
        services.Add(new Store(this));
        if (credentials is not null)
            services.Add(new DelegatingUserAuthenticator((user, password) => user == credentials.UserName && password == credentials.Password));
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(_stop.Token);
        if (!_port.Task.Wait(TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException("The SMTP sink did not start listening.");
    }

    public int Port => _port.Task.Result;

    public ConcurrentQueue<SinkMessage> Messages { get; } = new();

    /// <summary>SMTP connections served so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>When set, DATA is answered with 451 (a temporary failure) and nothing is kept.</summary>
    public volatile bool Refuse;

    /// <summary>Closes every open connection from the server's side, as a server restarting or timing out would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _open.Keys)
            connection.Dispose();
    }

    public async Task<IReadOnlyList<SinkMessage>> WaitForAsync(Func<IReadOnlyCollection<SinkMessage>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Messages) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return [.. Messages];
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (sink.Refuse)
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later"));
            sink.Messages.Enqueue(new SinkMessage($"<{transaction.From.AsAddress()}>", [.. transaction.To.Select(t => t.AsAddress())],
                System.Text.Encoding.UTF8.GetString(buffer.ToArray())));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off: the server answers pipelined commands one
    /// reply at a time, and with Nagle on each further reply waits for the client's delayed ACK (~40 ms).
    /// </summary>
    private sealed class NoDelayListenerFactory(Action<int> started, ConcurrentDictionary<IDisposable, byte> open) : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            started(((IPEndPoint)listener.LocalEndpoint).Port);
            return new Listener(listener, open);
        }

        private sealed class Listener(TcpListener listener, ConcurrentDictionary<IDisposable, byte> open) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties.Add(EndpointListener.LocalEndPointKey, client.Client.LocalEndPoint);
                context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint);
                var pipe = new Pipe(client, open);
                open.TryAdd(pipe, 0);
                return pipe;
            }

            public void Dispose() => listener.Stop();
        }

        /// <summary>The connection as pipes, upgraded to TLS on STARTTLS.</summary>
        private sealed class Pipe(TcpClient client, ConcurrentDictionary<IDisposable, byte> open) : ISecurableDuplexPipe
        {
            private Stream _stream = client.GetStream();

            public PipeReader Input { get; private set; } = PipeReader.Create(client.GetStream());

            public PipeWriter Output { get; private set; } = PipeWriter.Create(client.GetStream());

            public bool IsSecure { get; private set; }

            public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

            public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
            {
                var tls = new SslStream(_stream, leaveInnerStreamOpen: true);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    EnabledSslProtocols = protocols,
                    ClientCertificateRequired = false,
                }, cancellationToken);
                (_stream, Input, Output, IsSecure) = (tls, PipeReader.Create(tls), PipeWriter.Create(tls), true);
            }

            public void Dispose()
            {
                open.TryRemove(this, out _);
                _stream.Dispose();
                client.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
