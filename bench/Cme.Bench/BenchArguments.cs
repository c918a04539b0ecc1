namespace Cme.Bench;

/// <summary>"--name value" pairs; a missing or malformed one stops the run with a clear message.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values;

    private BenchArguments(Dictionary<string, string> values) => _values = values;

    public static BenchArguments Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
                throw new ArgumentException($"expected '--name value' pairs, got '{name}'");
            values[name[2..]] = e.Current;
        }
        return new BenchArguments(values);
    }

    public string Text(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public int Number(string name) =>
        int.TryParse(Text(name), out var n) && n >= 0 ? n : throw new ArgumentException($"--{name} must be a whole number");

    public Guid Id(string name) =>
        Guid.TryParse(Text(name), out var id) ? id : throw new ArgumentException($"--{name} must be a UUID");
}
