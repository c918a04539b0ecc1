using System.Text.Json;
using System.Text.Json.Serialization;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Learning;

namespace Cme.Domain.Tests.Courses;

public sealed class QuizPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static Quiz PostTest(QuizPolicy? policy = null) => new(QuizPurpose.PostTest, 60,
    [
        new("q1", "低血糖的诊断阈值？", QuestionKind.SingleChoice, [new("a", "< 3.9 mmol/L", true), new("b", "< 5.6 mmol/L", false)], "药物治疗者 < 3.9 即为低血糖。"),
        new("q2", "意识障碍首选？", QuestionKind.SingleChoice, [new("a", "静脉葡萄糖", true), new("b", "口服糖水", false)], "有误吸风险。"),
    ], policy);

    private static readonly Dictionary<string, IReadOnlyCollection<string>> Wrong = new() { ["q1"] = ["b"], ["q2"] = ["b"] };
    private static readonly Dictionary<string, IReadOnlyCollection<string>> Right = new() { ["q1"] = ["a"], ["q2"] = ["a"] };

    private static QuizAttempt Attempt(Quiz quiz, IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers, int taken) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), quiz, answers, taken, Now);

    [Fact]
    public void PostTest_WithoutAPolicy_AllowsThreeAttempts_AndShowsAnswersAfterPassingOrTheLast()
    {
        var quiz = PostTest();

        quiz.Policy.ShouldBe(QuizPolicy.PostTestDefault);
        quiz.EffectivePolicy.AttemptsAllowed.ShouldBe(3);
        quiz.EffectivePolicy.ShowAnswers.ShouldBe(AnswerReveal.AfterPassingOrLastAttempt);
    }

    [Fact]
    public void PreTestAndPractice_AreOpen_AndKeepNoPolicy()
    {
        var preTest = new Quiz(QuizPurpose.PreTest, 60, PostTest().Questions, new QuizPolicy(1, AnswerReveal.Never));

        preTest.Policy.ShouldBeNull();
        preTest.EffectivePolicy.ShouldBe(QuizPolicy.Open);
        Should.NotThrow(() => Attempt(preTest, Wrong, taken: 50));
        QuizPolicy.Open.ShowsAnswers(51, passed: false).ShouldBeTrue();
    }

    [Fact]
    public void Attempt_BeyondTheNumberAllowed_IsRefused()
    {
        var quiz = PostTest(new QuizPolicy(3, AnswerReveal.AfterPassingOrLastAttempt));

        var third = Attempt(quiz, Wrong, taken: 2);
        var refused = Should.Throw<AttemptsUsedUpException>(() => Attempt(quiz, Right, taken: 3));

        third.AttemptNumber.ShouldBe(3);
        refused.AttemptsAllowed.ShouldBe(3);
        quiz.EffectivePolicy.AttemptsLeft(2).ShouldBe(1);
        quiz.EffectivePolicy.AttemptsLeft(3).ShouldBe(0);
    }

    [Theory]
    [InlineData(AnswerReveal.AfterPassingOrLastAttempt, 1, false, false)]
    [InlineData(AnswerReveal.AfterPassingOrLastAttempt, 1, true, true)]
    [InlineData(AnswerReveal.AfterPassingOrLastAttempt, 3, false, true)]
    [InlineData(AnswerReveal.AfterLastAttempt, 2, true, false)]
    [InlineData(AnswerReveal.AfterLastAttempt, 3, false, true)]
    [InlineData(AnswerReveal.Never, 3, true, false)]
    [InlineData(AnswerReveal.Immediately, 1, false, true)]
    public void Answers_AreShown_OnlyWhenThePolicySays(AnswerReveal reveal, int attemptNumber, bool passed, bool shown) =>
        new QuizPolicy(3, reveal).ShowsAnswers(attemptNumber, passed).ShouldBe(shown);

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(null)]
    public void Policy_NeedsOneToTenAttempts(int? attempts) =>
        PostTest(new QuizPolicy(attempts, AnswerReveal.Never)).Validate().ShouldContain(p => p.Code == "quiz.policy-attempts");

    [Fact]
    public void StoredPostTest_WrittenBeforePolicies_ReadsAsTheDefault()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        const string stored = """{"purpose":"PostTest","passMarkPercent":60,"questions":[]}""";

        var quiz = JsonSerializer.Deserialize<Quiz>(stored, options)!;
        var roundTrip = JsonSerializer.Deserialize<Quiz>(JsonSerializer.Serialize(PostTest(new QuizPolicy(5, AnswerReveal.Never)), options), options)!;

        quiz.Policy.ShouldBe(QuizPolicy.PostTestDefault);
        roundTrip.Policy.ShouldBe(new QuizPolicy(5, AnswerReveal.Never));
    }
}
