using Cme.Application.Learning;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Tests.Learning;

public sealed class PostTestAttemptConcurrencyTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    [Fact]
    public async Task TenSimultaneousSubmissions_ToAThreeAttemptPostTest_StoreExactlyThree_AndRefuseTheRest()
    {
        var (course, module) = await app.QueryAsync(async db =>
        {
            var course = await db.Courses.Where(c => c.Code == "ENDO-HYPO-01").Select(c => c.Id).SingleAsync();
            var version = await db.CourseVersions.Where(v => v.CourseId == course && v.Status == CourseVersionStatus.Published).Select(v => v.Id).SingleAsync();
            var quizzes = await db.CourseModules.Where(m => m.VersionId == version && m.Kind == ModuleKind.Quiz).ToListAsync();
            return (course, quizzes.Single(m => m.Quiz!.Purpose == QuizPurpose.PostTest).Id);
        });
        var existing = await app.QueryAsync(db => db.QuizAttempts.Select(a => new { a.ModuleId, a.LearnerId, a.AttemptNumber }).ToListAsync());
        existing.ShouldBeEmpty(string.Join(",", existing));
        var answers = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["b"] };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submitting = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                return (Result: await app.SendAs(Demo.Gp, new SubmitQuiz(course, module, answers)), Refused: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Result: (QuizAttemptResult?)null, Refused: e);
            }
        })).ToList();

        gate.SetResult();
        var outcomes = await Task.WhenAll(submitting);

        outcomes.Where(o => o.Result is not null).Select(o => o.Result!.AttemptNumber).Order().ToList().ShouldBe(new List<int> { 1, 2, 3 }, customMessage:
            string.Join("\n", outcomes.Where(o => o.Refused is not null && o.Refused is not AttemptsUsedUpException).Select(o => o.Refused!.ToString()).Distinct()));
        outcomes.Count(o => o.Refused is not null).ShouldBe(7);
        outcomes.Where(o => o.Refused is not null).ShouldAllBe(o => o.Refused is AttemptsUsedUpException);
        var stored = await app.QueryAsync(db => db.QuizAttempts.CountAsync(a => a.ModuleId == module));
        stored.ShouldBe(3);
    }
}
