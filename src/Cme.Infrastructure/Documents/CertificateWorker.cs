using Cme.Application.Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cme.Infrastructure.Documents;

/// <summary>
/// Runs the certificate work every few seconds: bulk batches first, then fresh completions. Every
/// API instance runs one; they share the work through row locks. A failure (say, the database is
/// restarting) is logged and tried again on the next round.
/// </summary>
internal sealed class CertificateWorker(CertificateWork work, ILogger<CertificateWorker> log, TimeSpan interval) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var issued = await work.RunOnceAsync(stoppingToken);
                if (issued > 0)
                    log.LogInformation("Issued {Count} certificates", issued);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogWarning(failure, "Certificate work failed; trying again in {Interval}", interval);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
