using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Credits;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Certificates;

/// <summary>
/// A learner's annual transcript as a PDF: credits by class and source against the policy's
/// requirement and every entry of the year. Who may see it is decided by the transcript itself.
/// </summary>
[Authenticated]
public sealed record GetAnnualTranscriptPdf(Guid? ProfessionalId, int Year) : IQuery<CertificateFile>;

internal sealed class GetAnnualTranscriptPdfValidator : AbstractValidator<GetAnnualTranscriptPdf>
{
    public GetAnnualTranscriptPdfValidator() => RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
}

internal sealed class GetAnnualTranscriptPdfHandler(
    IRequestHandler<GetTranscript, Transcript> transcripts, IAppDbContext db, IDocumentRenderer renderer, TimeProvider clock)
    : IRequestHandler<GetAnnualTranscriptPdf, CertificateFile>
{
    public async ValueTask<CertificateFile> Handle(GetAnnualTranscriptPdf request, CancellationToken cancellationToken)
    {
        var transcript = await transcripts.Handle(new GetTranscript(request.ProfessionalId, request.Year, request.Year), cancellationToken);
        var issuer = await db.Consortia.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Name).FirstAsync(cancellationToken);
        var pdf = renderer.AnnualTranscript(transcript, request.Year, issuer, clock.GetUtcNow());
        return new CertificateFile($"transcript-{transcript.LicenceNumber}-{request.Year}.pdf", pdf);
    }
}
