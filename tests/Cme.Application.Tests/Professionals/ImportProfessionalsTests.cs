using Cme.Application.Common.Exceptions;
using Cme.Application.Professionals;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Tests.Professionals;

public sealed class ImportProfessionalsTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    [Fact]
    public async Task Import_AcceptsChineseHeadersAndLabels()
    {
        const string csv = "姓名,拼音,执业证号,职业,职称,机构编码,邮箱\n上官婉儿,Shangguan Wan'er,510155500000001,全科医生,副高级,CHSC-CT,shangguan@ct.demo.cme\n";

        var result = await app.SendAs(Demo.CmeAdmin, new ImportProfessionals(csv));

        result.ImportedCount.ShouldBe(1);
        var saved = await app.QueryAsync(db => db.Professionals.AsNoTracking().SingleAsync(p => p.LicenceNumber == "510155500000001"));
        saved.NameZh.ShouldBe("上官婉儿");
        saved.TitleLevel.ShouldBe(Domain.Professionals.TitleLevel.AssociateSenior);
    }

    [Fact]
    public async Task Import_WhenALaterRowIsBad_WritesNoAccountEither()
    {
        const string csv = "name_zh,name_latin,licence_number,profession,title_level,institution_code,email\n" +
                           "甲,Jia,510144400000001,Nurse,Junior,CHSC-CT,jia@ct.demo.cme\n" +
                           "乙,Yi,510144400000002,Nurse,Junior,CHSC-CT,jia@ct.demo.cme\n";

        var error = await Should.ThrowAsync<RequestValidationException>(() => app.SendAs(Demo.CmeAdmin, new ImportProfessionals(csv)));

        error.Errors.Keys.ShouldBe(["rows[2].email"]);
        (await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "jia@ct.demo.cme"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Import_MissingColumn_SaysWhichOne()
    {
        var error = await Should.ThrowAsync<RequestValidationException>(() =>
            app.SendAs(Demo.CmeAdmin, new ImportProfessionals("name_zh,name_latin\n张三,Zhang San\n")));

        var reason = error.Errors["file"].Single();
        reason.Code.ShouldBe("import.columns-missing");
        ((IEnumerable<string>)reason.Values["columns"]!).ShouldContain("licence_number");
    }
}
