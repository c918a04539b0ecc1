using System.Diagnostics;
using System.Text.RegularExpressions;
using Cme.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cme.Bench.Reports;

/// <summary>The caller of the measured reports: a CME office administrator, who sees the whole consortium.</summary>
internal sealed class BenchAdmin : ICurrentUser
{
    public bool IsAuthenticated => true;
    public Guid? UserId { get; } = Guid.Parse("00000000-0000-4000-8000-000000000001");
    public string? UserName => "bench@cme.local";
    public Guid? ProfessionalId => null;
    public Guid? InstitutionId => null;
    public IReadOnlyCollection<string> Roles { get; } = [Domain.Professionals.Roles.CmeAdmin];
    public bool IsInRole(string role) => Roles.Contains(role);
    public IReadOnlyCollection<string> Gates => [];
}

/// <summary>
/// Counts the SQL statements EF Core sends (its diagnostic events), and keeps the text of the ledger
/// aggregate with its parameters written in, so psql can run exactly the same statement.
/// </summary>
internal sealed partial class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public StatementCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public bool Verbose { get; set; }

    public int Count => _count;

    public string? Aggregate { get; private set; }

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData data)
            return;
        Interlocked.Increment(ref _count);
        var text = data.Command.CommandText;
        if (Verbose)
            Console.WriteLine($"    {data.Duration.TotalMilliseconds,8:0.0} ms  {text.ReplaceLineEndings(" ")[..Math.Min(110, text.ReplaceLineEndings(" ").Length)]}");
        if (!text.Contains("FROM credit_ledger", StringComparison.Ordinal) || !text.Contains("GROUP BY", StringComparison.Ordinal))
            return;
        foreach (System.Data.Common.DbParameter p in data.Command.Parameters)
            text = Regex.Replace(text, Regex.Escape(p.ParameterName) + @"\b", p.Value switch
            {
                string s => $"'{s.Replace("'", "''")}'",
                DateTimeOffset d => $"'{d.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00'",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var other => other?.ToString() ?? "NULL",
            });
        Aggregate = text;
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}
