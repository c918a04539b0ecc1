using Cme.Domain.Common;
using Cme.Domain.Institutions;

namespace Cme.Domain.Tests.Institutions;

public sealed class InstitutionTests
{
    [Fact]
    public void Create_UppercasesTheCode()
    {
        var chsc = new Institution(Guid.NewGuid(), "chsc-fc", "芳草社区卫生服务中心", "Fangcao CHSC", InstitutionTier.Primary, "武侯区");

        chsc.Code.ShouldBe("CHSC-FC");
        chsc.Tier.ShouldBe(InstitutionTier.Primary);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-abc")]
    [InlineData("有中文")]
    public void Create_WithBadCode_IsRefused(string code)
    {
        Should.Throw<DomainException>(() => new Institution(Guid.NewGuid(), code, "名", "Name", InstitutionTier.Primary, "武侯区"));
    }

    [Fact]
    public void Classify_WithUnknownTier_IsRefused()
    {
        var chsc = new Institution(Guid.NewGuid(), "CHSC-1", "芳草", "Fangcao", InstitutionTier.Primary, "武侯区");

        Should.Throw<DomainException>(() => chsc.Classify((InstitutionTier)9, "武侯区"));
        chsc.Tier.ShouldBe(InstitutionTier.Primary);
    }
}
