using Cme.Domain.Institutions;
using Cme.Domain.Professionals;

namespace Cme.Infrastructure.Seeding;

/// <summary>
/// The demo consortium: a tertiary hospital modelled on West China Hospital, two district hospitals
/// and six community health service centres in Chengdu, with about 60 staff.
/// </summary>
internal static class DemoConsortium
{
    public const string Name = "华西—成都社区医疗联合体（演示）";
    public const string NameEn = "West China – Chengdu Community Medical Consortium (demo)";

    public static readonly IReadOnlyList<(string Code, string Name, string NameEn, InstitutionTier Tier, string Region)> Institutions =
    [
        ("WCH", "华西医院", "West China Hospital", InstitutionTier.Tertiary, "武侯区"),
        ("WHPH", "武侯区人民医院", "Wuhou District People's Hospital", InstitutionTier.Secondary, "武侯区"),
        ("CHPH", "成华区人民医院", "Chenghua District People's Hospital", InstitutionTier.Secondary, "成华区"),
        ("CHSC-FC", "芳草社区卫生服务中心", "Fangcao Community Health Service Centre", InstitutionTier.Primary, "武侯区"),
        ("CHSC-YL", "玉林社区卫生服务中心", "Yulin Community Health Service Centre", InstitutionTier.Primary, "武侯区"),
        ("CHSC-JC", "锦城社区卫生服务中心", "Jincheng Community Health Service Centre", InstitutionTier.Primary, "高新区"),
        ("CHSC-MZW", "猛追湾社区卫生服务中心", "Mengzhuiwan Community Health Service Centre", InstitutionTier.Primary, "成华区"),
        ("CHSC-SYJ", "书院街社区卫生服务中心", "Shuyuanjie Community Health Service Centre", InstitutionTier.Primary, "锦江区"),
        ("CHSC-CT", "草堂社区卫生服务中心", "Caotang Community Health Service Centre", InstitutionTier.Primary, "青羊区"),
    ];

    public sealed record DemoPerson(
        string Email, string NameZh, string NameLatin, Profession Profession, TitleLevel Title, string InstitutionCode,
        string[] Roles, string Description);

    /// <summary>The accounts a person can sign in with; run.sh prints them.</summary>
    public static readonly IReadOnlyList<DemoPerson> Accounts =
    [
        new("gp@demo.cme", "王芳", "Wang Fang", Profession.GeneralPractitioner, TitleLevel.Intermediate, "CHSC-FC",
            [Roles.Learner], "全科医生 / GP"),
        new("author@demo.cme", "李志强", "Li Zhiqiang", Profession.Physician, TitleLevel.Senior, "WCH",
            [Roles.Learner, Roles.Author, Roles.Trainer], "内分泌科专家 / specialist author"),
        new("trainer@demo.cme", "陈晓燕", "Chen Xiaoyan", Profession.Physician, TitleLevel.AssociateSenior, "WCH",
            [Roles.Learner, Roles.Trainer], "心内科培训师 / trainer"),
        new("cmeadmin@demo.cme", "张建华", "Zhang Jianhua", Profession.Other, TitleLevel.Intermediate, "WCH",
            [Roles.CmeAdmin], "继续教育办公室 / CME office"),
        new("instadmin@demo.cme", "刘海燕", "Liu Haiyan", Profession.Nurse, TitleLevel.Intermediate, "CHSC-FC",
            [Roles.Learner, Roles.InstitutionAdmin], "芳草社区机构管理员 / institution admin"),
    ];

    private static readonly (string Zh, string Latin)[] Surnames =
    [
        ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"),
        ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"),
        ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("罗", "Luo"), ("高", "Gao"), ("林", "Lin"), ("邓", "Deng"), ("谢", "Xie"),
    ];

    private static readonly (string Zh, string Latin)[] GivenNames =
    [
        ("伟", "Wei"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"), ("强", "Qiang"), ("磊", "Lei"),
        ("洋", "Yang"), ("艳", "Yan"), ("勇", "Yong"), ("军", "Jun"), ("杰", "Jie"), ("涛", "Tao"), ("明", "Ming"),
        ("秀英", "Xiuying"), ("桂兰", "Guilan"), ("文博", "Wenbo"), ("雪梅", "Xuemei"), ("子涵", "Zihan"), ("思远", "Siyuan"),
        ("春燕", "Chunyan"), ("国华", "Guohua"), ("丹", "Dan"), ("婷", "Ting"), ("宇航", "Yuhang"), ("欣怡", "Xinyi"),
    ];

    /// <summary>Staff of every institution, deterministic, without accounts (they would be invited).</summary>
    public static IEnumerable<DemoPerson> Staff()
    {
        var n = 0;
        foreach (var (code, _, _, tier, _) in Institutions)
        {
            var count = tier switch { InstitutionTier.Tertiary => 12, InstitutionTier.Secondary => 7, _ => 5 };
            for (var i = 0; i < count; i++, n++)
            {
                var surname = Surnames[(n * 7 + 3) % Surnames.Length];
                var given = GivenNames[(n * 11 + 5) % GivenNames.Length];
                var profession = tier switch
                {
                    InstitutionTier.Tertiary => i % 4 == 3 ? Profession.Nurse : Profession.Physician,
                    InstitutionTier.Secondary => i % 3 == 2 ? Profession.Nurse : Profession.Physician,
                    _ => (i % 5) switch { 0 or 1 or 2 => Profession.GeneralPractitioner, 3 => Profession.Nurse, _ => Profession.PublicHealth },
                };
                var title = (TitleLevel)(tier == InstitutionTier.Tertiary ? 1 + i % 3 : i % 3);
                var email = $"{surname.Latin.ToLowerInvariant()}.{given.Latin.ToLowerInvariant()}.{n:000}@{code.ToLowerInvariant()}.demo.cme";
                yield return new DemoPerson(email, surname.Zh + given.Zh, $"{surname.Latin} {given.Latin}", profession, title, code,
                    [], "");
            }
        }
    }

    /// <summary>A plausible 15-digit practising licence number, unique per index.</summary>
    public static string Licence(int index) => $"51{(index * 7919L + 100_000_000_003L) % 1_000_000_000_000L:0000000000000}";
}
