using System.Security.Cryptography;
using System.Text;

namespace Cme.Bench;

/// <summary>
/// Bench learner n as bench/checkin/setup.sql creates it: ids are md5 of a fixed text, so both sides
/// derive them from n alone. Keep the two in step.
/// </summary>
public sealed record BenchLearner(int Number)
{
    public string Email => $"bench.learner.{Number:D4}@bench.cme";

    public Guid UserId => Md5Uuid($"cme-bench-user-{Number}");

    public Guid ProfessionalId => Md5Uuid($"cme-bench-learner-{Number}");

    public string SecurityStamp => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes($"cme-bench-stamp-{Number}")));

    public string NameZh => $"学员{Number:D4}";

    /// <summary>The values that differ from one learner to the next in a signed-in principal.</summary>
    public IReadOnlyList<string> PersonalValues =>
        [UserId.ToString(), ProfessionalId.ToString(), Email, Email.ToUpperInvariant(), SecurityStamp, NameZh];

    // PostgreSQL's md5(text)::uuid: the 32 hex digits read in order.
    private static Guid Md5Uuid(string text) => Guid.ParseExact(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))), "N");
}
