using Cme.Application.Certificates;
using Cme.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Documents;

/// <summary>The last certificate number given out in a year.</summary>
internal sealed class CertificateNumberCounter
{
    public int Year { get; private set; }
    public long Last { get; private set; }
}

internal sealed class CertificateNumberCounterConfiguration : IEntityTypeConfiguration<CertificateNumberCounter>
{
    public void Configure(EntityTypeBuilder<CertificateNumberCounter> builder)
    {
        builder.ToTable("certificate_number_counters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}

/// <summary>
/// Counts per year in one statement; the row lock it takes is held until the issuing transaction ends,
/// so numbers follow the order certificates are issued in.
/// </summary>
internal sealed class CertificateNumbers(AppDbContext db) : ICertificateNumbers
{
    public async Task<long> NextAsync(int year, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO certificate_number_counters (year, last) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last = certificate_number_counters.last + 1
            RETURNING last AS "Value"
            """).ToListAsync(cancellationToken)).Single();
}

/// <summary>Verification links point at the web front end's public address (Cme:PublicBaseUrl).</summary>
internal sealed class CertificateLinks(IConfiguration configuration) : ICertificateLinks
{
    private readonly string _base = (configuration["Cme:PublicBaseUrl"] ?? "http://localhost:5090").TrimEnd('/');

    public string VerificationUrl(string code) => $"{_base}/verify/{code}";
}
