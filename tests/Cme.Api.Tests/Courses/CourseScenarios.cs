namespace Cme.Api.Tests.Courses;

/// <summary>Request bodies for course tests: a small chest-pain case written the way an author would.</summary>
internal static class CourseScenarios
{
    public static object NewCourse(string code) => new
    {
        code,
        titleZh = "基层胸痛的识别与转诊",
        titleEn = "Chest pain in primary care: recognise and refer",
        summaryZh = "社区全科医生如何识别急性冠脉综合征并及时转诊。",
        summaryEn = "How a community GP recognises acute coronary syndrome and refers in time.",
        specialty = "cardiology",
        targetProfessions = new[] { "GeneralPractitioner" },
        learningObjectives = new[] { "识别高危胸痛", "掌握转诊指征" },
        creditClass = "II",
        creditValue = 1.5,
        projectLevel = "Consortium",
        coAuthorIds = Array.Empty<Guid>(),
    };

    public static object[] Nodes =>
    [
        new { id = "present", kind = "Presentation", title = "胸痛就诊", narrative = "58岁男性，胸骨后压榨性疼痛30分钟。", isStart = true, nextNodeId = "decide",
              vitalSigns = new[] { new { name = "血压", value = "150/95", unit = "mmHg" } } },
        new { id = "decide", kind = "Decision", title = "处理决策", narrative = "下一步？", options = new object[]
        {
            new { id = "refer", text = "立即转诊至胸痛中心", nextNodeId = "good", score = 10, feedback = "正确：疑似急性冠脉综合征应立即转诊。", criticalError = false },
            new { id = "home", text = "止痛后回家观察", nextNodeId = "bad", score = 0, feedback = "危险：可能延误心梗救治。", criticalError = true },
        } },
        new { id = "good", kind = "Outcome", title = "及时救治", narrative = "患者经急诊PCI治疗后康复。" },
        new { id = "bad", kind = "Outcome", title = "延误", narrative = "患者在家中发生心源性休克。" },
    ];
}
