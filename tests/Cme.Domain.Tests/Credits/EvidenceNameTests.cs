using Cme.Domain.Credits;

namespace Cme.Domain.Tests.Credits;

public sealed class EvidenceNameTests
{
    [Theory]
    [InlineData("poly.html", "application/pdf", "poly.pdf")]
    [InlineData("../../etc/certificate.PDF", "application/pdf", "certificate.pdf")]
    [InlineData("照片.jpeg.exe", "image/jpeg", "照片.jpeg.jpg")]
    [InlineData("scan", "image/png", "scan.png")]
    [InlineData("", "application/pdf", "evidence.pdf")]
    [InlineData(".html", "image/png", "evidence.png")]
    public void EvidenceName_TakesTheExtensionOfTheDetectedType_NotTheSenders(string sent, string type, string served) =>
        ExternalActivity.EvidenceName(sent, type).ShouldBe(served);
}
