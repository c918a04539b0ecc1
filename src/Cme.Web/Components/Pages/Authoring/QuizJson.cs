using System.Text.Encodings.Web;
using System.Text.Json;
using Cme.Web.Api;

namespace Cme.Web.Components.Pages.Authoring;

/// <summary>
/// A quiz as the JSON an author edits: indented, Chinese left readable. A post-test's policy is
/// edited in its own form fields, so it is left out of the JSON.
/// </summary>
public static class QuizJson
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(Quiz quiz) => JsonSerializer.Serialize(quiz with { Policy = null }, Indented);

    /// <summary>The quiz, or the parser's complaint.</summary>
    public static (Quiz? Quiz, string? Error) Read(string? json)
    {
        try
        {
            var quiz = JsonSerializer.Deserialize<Quiz>(json ?? "", ApiJson.Options);
            return quiz is null ? (null, "null") : (quiz, null);
        }
        catch (JsonException exception)
        {
            return (null, exception.Message);
        }
    }

    public static string Example { get; } = Write(new Quiz(QuizPurpose.PostTest, 60,
    [
        new QuizQuestion("q1", "老年2型糖尿病患者使用胰岛素后出现意识模糊，首先应做的是？", QuestionKind.SingleChoice,
        [
            new QuizOption("a", "立即测指尖血糖", true),
            new QuizOption("b", "安排头颅CT", false),
            new QuizOption("c", "加用镇静药物", false),
        ], "意识改变的糖尿病患者应先排除低血糖。"),
    ]));
}
