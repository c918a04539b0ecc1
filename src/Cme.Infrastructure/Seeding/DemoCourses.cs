using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;
using static Cme.Domain.Courses.Scenarios.ScenarioNodeKind;

namespace Cme.Infrastructure.Seeding;

/// <summary>Two published scenario courses by the demo specialists, written as a CME office would accept them.</summary>
internal static class DemoCourses
{
    public const string HypoglycaemiaCode = "ENDO-HYPO-01";
    public const string ChestPainCode = "CARD-CP-01";

    public static Course Hypoglycaemia(Guid author, DateTimeOffset now)
    {
        var course = new Course(author, new CourseDetails(HypoglycaemiaCode,
            "社区2型糖尿病患者低血糖的识别与处理", "Hypoglycaemia in type 2 diabetes at the community clinic",
            "一位服用磺脲类药物的老年糖尿病患者在社区出现意识改变。学习快速识别低血糖、正确纠正，并决定留观与双向转诊。",
            "An older patient on a sulfonylurea arrives confused at a community clinic: recognise hypoglycaemia, treat it, and decide on observation and referral.",
            "endocrinology", [Profession.GeneralPractitioner, Profession.Nurse],
            ["对意识改变的糖尿病患者首先测指尖血糖", "按意识状态选择口服或静脉葡萄糖", "认识磺脲类低血糖可反复，合理留观与转诊"],
            CreditClasses.ClassII, 1.5m, ProjectLevel.Consortium, []), now);
        var version = course.LatestVersion;
        version.AddModule(ModuleKind.Quiz, "课前测 Pre-test", null, null, HypoQuiz(QuizPurpose.PreTest));
        version.AddModule(ModuleKind.Page, "低血糖要点", """
            ## 低血糖的诊断标准

            糖尿病患者血糖 **< 3.9 mmol/L** 即为低血糖；**< 3.0 mmol/L** 为临床显著低血糖。

            | 分级 | 血糖 | 处理 |
            |---|---|---|
            | 1级 | 3.0–3.9 mmol/L | 口服 15–20 g 葡萄糖 |
            | 2级 | < 3.0 mmol/L | 口服或静脉葡萄糖，复测 |
            | 3级 | 需他人协助 | 静脉 50% 葡萄糖，必要时转诊 |

            老年、肾功能不全、使用磺脲类或胰岛素者风险高。参见
            [国家基层糖尿病防治管理指南](https://www.nhc.gov.cn/)。
            """, null, null);
        version.AddModule(ModuleKind.Scenario, "病例：晨起言语含糊的王阿姨", null, new ScenarioGraph(
        [
            new("p1", Presentation, "社区就诊", "68岁女性，2型糖尿病12年。今晨家属发现其大汗、言语含糊，搀扶至社区卫生服务中心。", IsStart: true, NextNodeId: "h1",
                VitalSigns: [new("血压", "132/78", "mmHg"), new("心率", "108", "次/分"), new("呼吸", "20", "次/分"), new("体温", "36.5", "℃"), new("SpO₂", "97", "%")]),
            new("h1", History, "病史与用药", "格列美脲 4 mg 每日一次，二甲双胍 0.5 g 每日三次。昨晚胃口差，晚餐只吃了半碗粥，仍照常服药。慢性肾脏病3期（eGFR 42）。", NextNodeId: "d1"),
            new("d1", Decision, "首先怎么做？", "患者反应迟钝，能睁眼，能简单应答。", Options:
            [
                new("glucose", "立即测指尖血糖", "i1", 10, "正确：意识改变的糖尿病患者，首先应快速测指尖血糖。"),
                new("stroke", "考虑脑卒中，直接转上级医院做头颅CT", "o_transfer", 0, "危险：低血糖可表现为卒中样症状。未测血糖、未纠正即转运，途中可能昏迷。", CriticalError: true),
                new("drug", "按时再服一次格列美脲后观察", "o_coma", 0, "严重错误：磺脲类会进一步降低血糖。", CriticalError: true),
            ]),
            new("i1", Investigation, "指尖血糖", "指尖血糖结果已出。", NextNodeId: "d2",
                LabResults: [new("指尖血糖", "2.6", "mmol/L", "3.9–6.1", "低")]),
            new("d2", Decision, "如何纠正低血糖？", "患者能吞咽，但反应迟钝。", Options:
            [
                new("iv", "静脉推注50%葡萄糖40 ml，15分钟后复测", "e1", 10, "正确：意识障碍者首选静脉葡萄糖，起效快、无误吸风险。"),
                new("oral", "口服15–20 g葡萄糖，15分钟后复测", "e1", 6, "可以，但意识改变、吞咽能力存疑时口服有误吸风险，静脉途径更稳妥。"),
                new("wait", "先观察30分钟再复测", "o_coma", 0, "危险：血糖2.6 mmol/L且意识改变，必须立即纠正。", CriticalError: true),
            ]),
            new("e1", Examination, "复测与查体", "15分钟后复测指尖血糖 5.8 mmol/L，患者神志转清，能正确回答问题，四肢活动自如。", NextNodeId: "d3"),
            new("d3", Decision, "血糖恢复后，下一步？", "家属希望尽快回家。", Options:
            [
                new("observe", "留观至少4–6小时并监测血糖，停用格列美脲，通过医联体平台联系上级医院内分泌科调整方案", "o_good", 10,
                    "正确：磺脲类所致低血糖在肾功能不全者可反复发生，需留观并调整降糖方案。"),
                new("refer", "直接转诊上级医院住院", "o_referred", 6, "可行，但并非必须；社区留观并远程会诊同样安全，也减轻患者负担。"),
                new("home", "好转了，回家继续原方案", "o_relapse", 0, "错误：格列美脲作用持续，当晚可能再次低血糖。", CriticalError: true),
            ]),
            new("o_good", Outcome, "结局：平稳", "留观期间血糖稳定。经远程会诊改为DPP-4抑制剂，两周后随访无再发低血糖。"),
            new("o_referred", Outcome, "结局：转诊后好转", "上级医院住院观察一晚，调整方案后出院，回社区随访。"),
            new("o_relapse", Outcome, "结局：夜间再发", "当晚23时患者再次出现低血糖昏迷，由120送急诊。"),
            new("o_transfer", Outcome, "结局：转运途中昏迷", "转运途中患者意识丧失，急诊测血糖1.8 mmol/L。"),
            new("o_coma", Outcome, "结局：低血糖昏迷", "患者血糖继续下降，出现抽搐和昏迷，需紧急抢救。"),
        ], 60), null);
        version.AddModule(ModuleKind.Quiz, "课后测 Post-test", null, null, HypoQuiz(QuizPurpose.PostTest));
        version.Disclose("作者声明：无与本课程内容相关的利益冲突。本课程未接受任何企业资助。");
        return course;
    }

    public static Course ChestPain(Guid author, Guid coAuthor, DateTimeOffset now)
    {
        var course = new Course(author, new CourseDetails(ChestPainCode,
            "基层胸痛：识别急性冠脉综合征与转诊决策", "Chest pain in primary care: recognising ACS and deciding to refer",
            "一位高危胸痛患者来到社区。学习10分钟内完成心电图、识别STEMI，并在医联体胸痛救治网络中及时转诊。",
            "A high-risk chest-pain patient walks into a community clinic: ECG within 10 minutes, recognise STEMI, and refer through the consortium's chest-pain network.",
            "cardiology", [Profession.GeneralPractitioner],
            ["首次医疗接触10分钟内完成心电图", "识别ST段抬高型心肌梗死", "掌握转诊指征与转运前处理"],
            CreditClasses.ClassI, 2m, ProjectLevel.Provincial, [coAuthor]), now);
        var version = course.LatestVersion;
        version.AddModule(ModuleKind.Scenario, "病例：出租车司机的胸痛", null, new ScenarioGraph(
        [
            new("p1", Presentation, "胸痛就诊", "58岁男性，出租车司机。胸骨后压榨样疼痛40分钟，向左肩放射，伴大汗。", IsStart: true, NextNodeId: "h1",
                VitalSigns: [new("血压", "156/94", "mmHg"), new("心率", "98", "次/分"), new("呼吸", "22", "次/分"), new("SpO₂", "95", "%")]),
            new("h1", History, "病史", "高血压10年，未规律服药；吸烟30年，每日20支；父亲55岁死于心肌梗死。", NextNodeId: "d1"),
            new("d1", Decision, "接诊后首先做什么？", "患者痛苦面容。", Options:
            [
                new("ecg", "10分钟内完成18导联心电图", "i1", 10, "正确：胸痛患者应在首次医疗接触后10分钟内完成心电图。"),
                new("antacid", "先开胃药，观察是否缓解", "o_missed", 0, "危险：把心梗当作胃病是基层最常见的致命误诊之一。", CriticalError: true),
                new("self", "让患者自行前往上级医院", "o_collapse", 0, "危险：可疑急性冠脉综合征患者应呼叫120，不能自行前往。", CriticalError: true),
            ]),
            new("i1", Investigation, "心电图与快速检测", "心电图已完成，肌钙蛋白快速检测结果已出。", NextNodeId: "d2",
                LabResults: [new("心电图", "V1–V4 导联 ST 段抬高 0.3 mV", null, null, "异常"), new("肌钙蛋白I（快速）", "0.8", "ng/mL", "<0.04", "高")]),
            new("d2", Decision, "考虑急性前壁STEMI，如何处理？", "距发病约55分钟。", Options:
            [
                new("network", "嚼服阿司匹林300 mg，呼叫120转运至胸痛中心，并通过医联体平台传送心电图、预先通知", "o_good", 10,
                    "正确：转运前抗血小板、预先通知可缩短门球时间。"),
                new("wait", "嚼服阿司匹林后等待肌钙蛋白复查再决定", "o_delay", 2, "不妥：STEMI诊断已明确，等待复查只会延误再灌注。", CriticalError: true),
                new("ntg", "舌下含服硝酸甘油后在社区观察", "o_missed", 0, "危险：症状缓解不能排除心梗，必须立即转诊。", CriticalError: true),
            ]),
            new("o_good", Outcome, "结局：及时再灌注", "到院门球时间62分钟，行急诊PCI。康复出院后回社区接受二级预防随访。"),
            new("o_delay", Outcome, "结局：延误", "等待复查耽误1小时，心肌坏死范围扩大，出院时射血分数38%。"),
            new("o_missed", Outcome, "结局：漏诊", "患者回家后再发胸痛，家中猝死。"),
            new("o_collapse", Outcome, "结局：途中晕厥", "患者自行打车途中发生室颤，路人呼叫120。"),
        ], 60), null);
        version.Disclose("作者声明：无与本课程内容相关的利益冲突。");
        return course;
    }

    private static Quiz HypoQuiz(QuizPurpose purpose) => new(purpose, 60,
    [
        new("q1", "糖尿病患者低血糖的诊断阈值是？", QuestionKind.SingleChoice,
            [new("a", "< 3.9 mmol/L", true), new("b", "< 5.6 mmol/L", false), new("c", "< 2.2 mmol/L", false)],
            "接受药物治疗的糖尿病患者血糖 < 3.9 mmol/L 即属低血糖。"),
        new("q2", "下列哪些药物容易引起低血糖？（多选）", QuestionKind.MultipleChoice,
            [new("a", "格列美脲", true), new("b", "胰岛素", true), new("c", "二甲双胍", false), new("d", "西格列汀", false)],
            "磺脲类与胰岛素是低血糖最常见的原因；二甲双胍和DPP-4抑制剂单用很少引起低血糖。"),
        new("q3", "意识障碍的低血糖患者，首选处理是？", QuestionKind.SingleChoice,
            [new("a", "静脉注射50%葡萄糖", true), new("b", "口服含糖饮料", false), new("c", "皮下注射胰岛素", false)],
            "意识障碍时口服有误吸风险，应静脉给予葡萄糖。"),
    ]);
}
