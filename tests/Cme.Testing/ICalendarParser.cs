using System.Diagnostics;
using System.Text.Json;

namespace Cme.Testing;

/// <summary>Reads an iCalendar text with ical.js (npm), a real parser, run by Node.js; test.sh installs both.</summary>
public static class ICalendarParser
{
    public sealed record Event(string Uid, string Summary, DateTimeOffset Start, DateTimeOffset End, int Sequence, string? Status, string? Location);

    private const string Script = """
        const ICAL = require('ical.js');
        let text = '';
        process.stdin.on('data', d => text += d);
        process.stdin.on('end', () => {
          const calendar = new ICAL.Component(ICAL.parse(text));
          const events = calendar.getAllSubcomponents('vevent').map(v => {
            const e = new ICAL.Event(v);
            return { uid: e.uid, summary: e.summary, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(),
                     sequence: e.sequence, status: v.getFirstPropertyValue('status'), location: e.location };
          });
          process.stdout.write(JSON.stringify(events));
        });
        """;

    public static async Task<IReadOnlyList<Event>> ParseAsync(string ics)
    {
        var modules = Environment.GetEnvironmentVariable("CME_NODE_MODULES") ?? Path.Combine(RepositoryRoot(), ".tools", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "ical.js")))
            throw new InvalidOperationException($"ical.js is not installed in {modules}; run ./test.sh, which installs it.");
        var script = Path.Combine(Path.GetTempPath(), $"cme-ical-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("CME_NODE") ?? "node", script)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.Environment["NODE_PATH"] = modules;
            using var node = Process.Start(start)!;
            await node.StandardInput.WriteAsync(ics);
            node.StandardInput.Close();
            var output = await node.StandardOutput.ReadToEndAsync();
            var error = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode != 0)
                throw new InvalidOperationException($"ical.js could not parse the calendar: {error}");
            return JsonSerializer.Deserialize<List<Event>>(output, JsonSerializerOptions.Web)!;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cme.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cme.sln not found above the test binaries.");
    }
}
