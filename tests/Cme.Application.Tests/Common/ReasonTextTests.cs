using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cme.Application.Common.Reasons;
using Cme.Domain.Common;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Trainers;

namespace Cme.Application.Tests.Common;

/// <summary>Every reason the code can give has words in Chinese and in English, and they are filled in as a reader expects.</summary>
public sealed partial class ReasonTextTests
{
    private static readonly CultureInfo Chinese = new("zh-CN"), English = new("en");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cme.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cme.sln not found above " + AppContext.BaseDirectory);
    }

    private static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Path.Combine(RepositoryRoot(), "src/Cme.Application/Common/Reasons", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [GeneratedRegex("\"(?<code>[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*)\"")]
    private static partial Regex CodeLiteral();

    [Fact]
    public void BothLanguages_HaveTheSameTexts()
    {
        var zh = Keys("ReasonTexts.resx");
        var en = Keys("ReasonTexts.en.resx");

        zh.ShouldNotBeEmpty();
        zh.Except(en).ShouldBeEmpty();
        en.Except(zh).ShouldBeEmpty();
    }

    [Fact]
    public void EveryCodeInTheSource_HasWords()
    {
        var root = RepositoryRoot();
        var codes = new[] { "Cme.Domain", "Cme.Application", "Cme.Infrastructure", "Cme.Api" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, "src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .Where(c => c != "address.city") // an example in a comment
            .ToHashSet();
        codes.UnionWith(typeof(ScenarioViolation).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => $"scenario.{f.GetValue(null)}"));
        codes.UnionWith(typeof(AssignmentCheck).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => $"assignment.{f.GetValue(null)}"));
        codes.UnionWith(QuizCode().Matches(File.ReadAllText(Path.Combine(root, "src/Cme.Domain/Courses/Quizzes/Quiz.cs"))).Select(m => $"quiz.{m.Groups[1].Value}"));
        codes.UnionWith(["shortfall.credits", "shortfall.hours", "shortfall.class", "shortfall.window", "shortfall.window-level", "forbidden", "not-found", "unknown"]);
        var keys = Keys("ReasonTexts.resx");

        codes.Count.ShouldBeGreaterThan(150);
        codes.Where(c => !keys.Contains(c)).Order().ShouldBeEmpty();
    }

    [GeneratedRegex("Add\\(\"([a-z-]+)\"")]
    private static partial Regex QuizCode();

    [Fact]
    public void Values_AreFilledIn_AndWordsFromATableAreTranslated()
    {
        var reason = Reason.Of("enrolment.cancel-state", new { status = "Completed" });

        ReasonText.Render(reason, Chinese).ShouldBe("该报名状态为“已完成”，不能取消。");
        ReasonText.Render(reason, English).ShouldBe("This enrolment is completed and cannot be cancelled.");
        ReasonText.Render(Reason.Of("value.too-long", new { field = "titleZh", max = 200 }), Chinese).ShouldBe("中文标题最多 200 个字符。");
    }

    [Fact]
    public void AnEnglishSentenceFromUnconvertedCode_NeverReachesAChineseReader()
    {
        var legacy = Reason.Of("Enrolment for this offering has closed.");

        ReasonText.Render(legacy, Chinese).ShouldBe("请求未能完成，请检查后重试。");
        ReasonText.Render(legacy, English).ShouldBe("Enrolment for this offering has closed.");
    }
}
