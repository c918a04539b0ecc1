using Cme.Domain.Common;
using Cme.Domain.Professionals;

namespace Cme.Domain.Tests.Professionals;

public sealed class ProfessionalTests
{
    private static Professional NewGp(string licence = "510100000000001", string email = "Wang.Fang@Demo.CME") =>
        new(Guid.NewGuid(), " 王芳 ", "Wang Fang", Profession.GeneralPractitioner, TitleLevel.Intermediate, licence, email, Languages.Chinese);

    [Fact]
    public void Create_NormalisesLicenceEmailAndName()
    {
        var gp = NewGp(licence: "51abc0001x");

        gp.LicenceNumber.ShouldBe("51ABC0001X");
        gp.Email.ShouldBe("wang.fang@demo.cme");
        gp.NameZh.ShouldBe("王芳");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("5101-0000")]
    [InlineData("")]
    public void Create_WithMalformedLicence_IsRefused(string licence)
    {
        Should.Throw<DomainException>(() => NewGp(licence: licence)).Reason.Code.ShouldBe("professional.licence-invalid");
    }

    [Fact]
    public void Create_WithBadEmail_IsRefused()
    {
        Should.Throw<DomainException>(() => NewGp(email: "no-at-sign")).Reason.Code.ShouldBe("professional.email-invalid");
    }

    [Fact]
    public void ChangeLanguage_OnlyToSupportedLanguages()
    {
        var gp = NewGp();

        gp.ChangeLanguage(Languages.English);

        gp.PreferredLanguage.ShouldBe("en");
        Should.Throw<DomainException>(() => gp.ChangeLanguage("fr"));
    }

    [Fact]
    public void LinkAccount_ToASecondAccount_IsRefused()
    {
        var gp = NewGp();
        gp.LinkAccount(Guid.NewGuid());

        Should.Throw<DomainException>(() => gp.LinkAccount(Guid.NewGuid()));
    }

    [Fact]
    public void Create_WithOverlongChineseName_IsRefused()
    {
        Should.Throw<DomainException>(() => new Professional(Guid.NewGuid(), new string('王', 51), "Wang", Profession.Nurse,
            TitleLevel.Junior, "510100000000002", "a@b.cn", Languages.Chinese));
    }
}
