using Cme.Application.Learning;
using Cme.Application.Common.Messaging;
using Cme.Domain.Courses;

namespace Cme.Api.Endpoints;

/// <summary>Learners: the catalogue, course pages, scenario attempts and quizzes.</summary>
public static class LearningEndpoints
{
    public sealed record ChooseRequest(string OptionId);

    public sealed record QuizAnswers(IReadOnlyDictionary<string, IReadOnlyList<string>> Answers);

    /// <summary>The moves made so far in a previewed case: an option's id at a decision, null to go on from any other step.</summary>
    public sealed record PreviewWalk(IReadOnlyList<string?> Moves);

    public static IEndpointRouteBuilder MapLearningEndpoints(this IEndpointRouteBuilder app)
    {
        var catalogue = app.MapGroup("/api/v1/catalogue").WithTags("Learning");
        catalogue.MapGet("/", async (ISender s, CancellationToken ct, string? search = null, string? specialty = null, string? creditClass = null,
                ProjectLevel? projectLevel = null, int page = 1, int pageSize = 20) =>
            TypedResults.Ok(await s.Send(new BrowseCatalogue(search, specialty, creditClass, projectLevel, page, pageSize), ct)))
            .WithSummary("Published courses with search and filters.");
        catalogue.MapGet("/{courseId:guid}", async (Guid courseId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetCoursePage(courseId), ct)));

        var learning = app.MapGroup("/api/v1/learning").WithTags("Learning");
        learning.MapGet("/courses/{courseId:guid}/modules/{moduleId:guid}", async (Guid courseId, Guid moduleId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetLearnerModule(courseId, moduleId), ct)));
        learning.MapPost("/courses/{courseId:guid}/modules/{moduleId:guid}/attempts", async (Guid courseId, Guid moduleId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new StartScenarioAttempt(courseId, moduleId), ct)))
            .WithSummary("Resume the attempt in progress at this scenario, or start one.");
        learning.MapPost("/courses/{courseId:guid}/modules/{moduleId:guid}/quiz-attempts", async (Guid courseId, Guid moduleId, QuizAnswers body, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new SubmitQuiz(courseId, moduleId, body.Answers ?? new Dictionary<string, IReadOnlyList<string>>()), ct)));
        learning.MapGet("/attempts", async (ISender s, CancellationToken ct, Guid? courseId = null) =>
            TypedResults.Ok(await s.Send(new ListMyAttempts(courseId), ct)));
        learning.MapGet("/attempts/{attemptId:guid}", async (Guid attemptId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetAttempt(attemptId), ct)));
        learning.MapPost("/attempts/{attemptId:guid}/continue", async (Guid attemptId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new ContinueAttempt(attemptId), ct)));
        learning.MapPost("/attempts/{attemptId:guid}/choose", async (Guid attemptId, ChooseRequest body, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new ChooseOption(attemptId, body.OptionId), ct)));

        // Authors and reviewers play any version in the learner's player; nothing is recorded.
        var preview = app.MapGroup("/api/v1/courses/{courseId:guid}/versions/{versionId:guid}/preview").WithTags("Learning");
        preview.MapGet("/", async (Guid courseId, Guid versionId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetPreviewCourse(courseId, versionId), ct)))
            .WithSummary("Preview: the course page of any version (draft included) as a learner meets it; for its authors and the CME office.");
        preview.MapGet("/modules/{moduleId:guid}", async (Guid courseId, Guid versionId, Guid moduleId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetPreviewModule(courseId, versionId, moduleId), ct)))
            .WithSummary("Preview: a module of the version as the learner's player shows it.");
        preview.MapPost("/modules/{moduleId:guid}/walk", async (Guid courseId, Guid versionId, Guid moduleId, PreviewWalk body, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new WalkPreviewScenario(courseId, versionId, moduleId, body.Moves ?? []), ct)))
            .WithSummary("Preview: where a walk through the case stands after these moves, with each choice's score and feedback. No attempt is stored.");
        preview.MapPost("/modules/{moduleId:guid}/quiz", async (Guid courseId, Guid versionId, Guid moduleId, QuizAnswers body, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new MarkPreviewQuiz(courseId, versionId, moduleId, body.Answers ?? new Dictionary<string, IReadOnlyList<string>>()), ct)))
            .WithSummary("Preview: marks answers to the quiz with its key and explanations. No attempt is stored.");
        return app;
    }
}
