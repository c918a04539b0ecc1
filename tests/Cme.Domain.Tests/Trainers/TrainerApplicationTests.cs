using Cme.Domain.Common;
using Cme.Domain.Trainers;

namespace Cme.Domain.Tests.Trainers;

public sealed class TrainerApplicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Pdf = "%PDF-1.7 teaching record"u8.ToArray();

    private static TrainerApplication Application(string? url = "https://example.org/record", byte[]? file = null, string specialty = "general-practice") =>
        new(specialty, 8, "社区全科八年。", url, "证明.pdf", file);

    [Fact]
    public void Apply_WithALinkOnly_IsAPendingApplicationWithoutAnOffering()
    {
        var application = TrainerCandidate.Apply(Guid.NewGuid(), Application(), Now);

        application.Status.ShouldBe(CandidateStatus.Pending);
        application.IsApplication.ShouldBeTrue();
        application.EvidenceUrl.ShouldBe("https://example.org/record");
        application.Evidence.ShouldBeNull();
    }

    [Fact]
    public void Apply_WithAFile_KeepsItsTypeFromItsBytesAndItsName()
    {
        var application = TrainerCandidate.Apply(Guid.NewGuid(), Application(url: null, file: Pdf), Now);

        application.EvidenceContentType.ShouldBe("application/pdf");
        application.EvidenceFileName.ShouldBe("证明.pdf");
    }

    [Theory]
    [InlineData(null, false, "trainer-application.evidence-required")]
    [InlineData("javascript:alert(1)", false, "trainer-application.evidence-url")]
    [InlineData("https://example.org", true, "activity.evidence-type")]
    public void Apply_WithoutUsableEvidence_IsRefused(string? url, bool textFile, string code)
    {
        var application = Application(url: url, file: textFile ? "plain text"u8.ToArray() : null);

        Should.Throw<DomainException>(() => TrainerCandidate.Apply(Guid.NewGuid(), application, Now)).Reason.Code.ShouldBe(code);
    }

    [Fact]
    public void Withdraw_OnceDecided_IsRefused()
    {
        var application = TrainerCandidate.Apply(Guid.NewGuid(), Application(), Now);
        application.Reject(Guid.NewGuid(), Now, "请补充带教记录");

        Should.Throw<DomainException>(() => application.Withdraw(Now)).Reason.Code.ShouldBe("candidate.already-decided");
        application.Note.ShouldBe("请补充带教记录");
    }
}
