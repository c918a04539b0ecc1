using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Certificates;

public sealed class CertificateTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static string Code(JsonElement certificate) => certificate.GetProperty("verificationUrl").GetString()!.Split('/')[^1];

    [Fact]
    public async Task Certificate_ReadsBackTheChineseNameAndTheCourse_AndItsQrCodeIsTheVerificationAddress()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var learner = await setup.CompletedLearnerAsync(offering);

        var certificate = await setup.IssueAsync(offering, learner);
        var again = await setup.IssueAsync(offering, learner);
        var pdf = await setup.Admin.GetByteArrayAsync($"/api/v1/certificates/{certificate.GetProperty("id")}/pdf");

        again.GetProperty("id").GetGuid().ShouldBe(certificate.GetProperty("id").GetGuid());
        certificate.GetProperty("number").GetString()!.ShouldMatch(@"^CME-\d{4}-\d{6}$");
        Code(certificate).Length.ShouldBe(32); // 160 bits in base32
        Convert.ToHexStringLower(SHA256.HashData(pdf)).ShouldBe(certificate.GetProperty("pdfSha256").GetString());
        var text = await PdfTools.TextAsync(pdf);
        text.ShouldContain("测试专家");
        text.ShouldContain("Ceshi Zhuanjia");
        text.ShouldContain(CertificateSetup.CourseTitle);
        text.ShouldContain(certificate.GetProperty("number").GetString()!);
        text.ShouldContain("Class I");
        var (width, height) = await PdfTools.PageSizeAsync(pdf);
        width.ShouldBeGreaterThan(height); // A4 landscape
        (await PdfTools.QrCodesAsync(pdf)).ShouldBe([certificate.GetProperty("verificationUrl").GetString()!]);
    }

    [Fact]
    public async Task Verification_SaysValid_ThenRevokedWithTheDate_AndANearMissIsNotFoundLikeAnyGuess()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var certificate = await setup.IssueAsync(offering, await setup.CompletedLearnerAsync(offering));
        var code = Code(certificate);
        var stranger = api.CreateClient();

        var valid = await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{code}");
        var lowerCase = await stranger.GetAsync($"/api/v1/certificates/verify/{code.ToLowerInvariant()}");
        var noReason = await setup.Admin.PostAsJsonAsync($"/api/v1/certificates/{certificate.GetProperty("id")}/revoke", new { reason = "" });
        var revoke = await setup.Admin.PostAsJsonAsync($"/api/v1/certificates/{certificate.GetProperty("id")}/revoke", new { reason = "考勤记录造假" });
        var revoked = await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{code}");
        var nearMiss = await stranger.GetAsync($"/api/v1/certificates/verify/{code[..^1]}{(code[^1] == 'A' ? 'B' : 'A')}");
        var wildGuess = await stranger.GetAsync("/api/v1/certificates/verify/not-a-code");

        valid.GetProperty("status").GetString().ShouldBe("Valid");
        valid.GetProperty("learnerName").GetString().ShouldBe("测**家 (Ceshi Z.)");
        valid.GetProperty("courseTitleZh").GetString().ShouldBe(CertificateSetup.CourseTitle);
        valid.GetProperty("credits").GetDecimal().ShouldBe(2m);
        lowerCase.StatusCode.ShouldBe(HttpStatusCode.OK);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        revoke.StatusCode.ShouldBe(HttpStatusCode.OK);
        revoked.GetProperty("status").GetString().ShouldBe("Revoked");
        revoked.GetProperty("revokedAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        nearMiss.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        wildGuess.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (near, wild) = (await nearMiss.Content.ReadFromJsonAsync<JsonElement>(), await wildGuess.Content.ReadFromJsonAsync<JsonElement>());
        near.GetProperty("title").GetString().ShouldBe(wild.GetProperty("title").GetString());
        near.GetProperty("detail").GetString().ShouldBe(wild.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reissue_SupersedesTheOldCertificate_WhichStaysAsIssued()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var old = await setup.IssueAsync(offering, await setup.CompletedLearnerAsync(offering));
        var oldPdf = await setup.Admin.GetByteArrayAsync($"/api/v1/certificates/{old.GetProperty("id")}/pdf");

        var response = await setup.Admin.PostAsJsonAsync($"/api/v1/certificates/{old.GetProperty("id")}/reissue", new { reason = "姓名拼音更正" });
        var replacement = await response.Content.ReadFromJsonAsync<JsonElement>();
        var oldVerified = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{Code(old)}");
        var newVerified = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{Code(replacement)}");
        var oldPdfAfter = await setup.Admin.GetByteArrayAsync($"/api/v1/certificates/{old.GetProperty("id")}/pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        replacement.GetProperty("number").GetString().ShouldNotBe(old.GetProperty("number").GetString());
        oldVerified.GetProperty("status").GetString().ShouldBe("Superseded");
        newVerified.GetProperty("status").GetString().ShouldBe("Valid");
        oldPdfAfter.ShouldBe(oldPdf);
    }

    [Fact]
    public async Task RevokingTheCredit_RevokesItsCertificate()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var learner = await setup.CompletedLearnerAsync(offering);
        var certificate = await setup.IssueAsync(offering, learner);
        var transcript = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/credits/transcript?professionalId={learner}");
        var award = transcript.GetProperty("entries")[0].GetProperty("id").GetGuid();

        await setup.Admin.PostAsJsonAsync($"/api/v1/credits/entries/{award}/revoke", new { reason = "重复记录" });
        var verified = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{Code(certificate)}");
        var issueAgain = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/certificate", new { learnerId = learner });

        verified.GetProperty("status").GetString().ShouldBe("Revoked");
        issueAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnnualTranscriptPdf_ShowsTheCreditsByClassAndSourceAgainstThePolicy()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var learner = await setup.CompletedLearnerAsync(offering);

        var pdf = await setup.Admin.GetByteArrayAsync($"/api/v1/credits/transcript.pdf?professionalId={learner}&year={DateTime.UtcNow.Year}");
        var text = System.Text.RegularExpressions.Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");

        text.ShouldContain("测试专家", customMessage: text);
        text.ShouldContain($"继续医学教育年度学分报告 {DateTime.UtcNow.Year}");
        text.ShouldContain("有风险 At risk");
        text.ShouldContain("2 / 25");
        text.ShouldContain("完成项目 Completion");
        text.ShouldContain("还需 23 学分（已有 2/25）");
    }
}
