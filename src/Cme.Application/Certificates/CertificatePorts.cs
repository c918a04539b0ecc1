using Cme.Application.Credits;
using Cme.Domain.Certificates;

namespace Cme.Application.Certificates;

/// <summary>Draws the documents: a certificate (A4 landscape) and a learner's annual transcript.</summary>
public interface IDocumentRenderer
{
    byte[] Certificate(CertificateContent content, string number, string verificationUrl, DateOnly issuedOn);

    /// <summary>One year's credits by class and source against the policy, with every entry of the year (bilingual headings).</summary>
    byte[] AnnualTranscript(Transcript transcript, int year, string issuer, DateTimeOffset printedAt);
}

/// <summary>Hands out certificate numbers, counted per year without repeats (gaps are possible when a transaction rolls back).</summary>
public interface ICertificateNumbers
{
    Task<long> NextAsync(int year, CancellationToken cancellationToken);
}

/// <summary>Where the public verification page lives (the web front end's public address).</summary>
public interface ICertificateLinks
{
    string VerificationUrl(string code);
}
