using Hangfire.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cme.Infrastructure.Scheduling;

/// <summary>
/// Hangfire logs through one provider for the whole process (its LogProvider is static). Hangfire's own
/// AddHangfire points it at the logger factory of whichever host configured it last; when that host
/// stops, every other host's Hangfire logging would throw ObjectDisposedException (two API hosts in
/// one process: the tests). This provider writes each message to the logger factory of a host that is
/// still running, looked up at every call, so no logger outlives its factory.
/// </summary>
public sealed class HangfireLogging : ILogProvider
{
    public static readonly HangfireLogging Instance = new();

    private static readonly List<ILoggerFactory> Live = [];

    private HangfireLogging()
    {
    }

    internal static void Attach(ILoggerFactory factory)
    {
        lock (Live)
            Live.Add(factory);
    }

    internal static void Detach(ILoggerFactory factory)
    {
        lock (Live)
            Live.Remove(factory);
    }

    private static ILoggerFactory? Current
    {
        get
        {
            lock (Live)
                return Live.Count == 0 ? null : Live[^1];
        }
    }

    public ILog GetLogger(string name) => new ForwardingLog(name);

    private sealed class ForwardingLog(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Current is not { } factory)
                return false;
            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                    return logger.IsEnabled(level);
                if (!logger.IsEnabled(level))
                    return false;
                logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // that host stopped between the lookup and the write
            }
        }

        private static MsLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLevel.Trace,
            HangfireLevel.Debug => MsLevel.Debug,
            HangfireLevel.Info => MsLevel.Information,
            HangfireLevel.Warn => MsLevel.Warning,
            HangfireLevel.Error => MsLevel.Error,
            _ => MsLevel.Critical,
        };
    }
}

/// <summary>Offers this host's logger factory to <see cref="HangfireLogging"/> while the host runs.</summary>
internal sealed class HangfireLoggingAttachment(ILoggerFactory loggerFactory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        HangfireLogging.Attach(loggerFactory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        HangfireLogging.Detach(loggerFactory);
        return Task.CompletedTask;
    }
}
