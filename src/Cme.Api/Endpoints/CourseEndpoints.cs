using System.Text;
using System.Text.Json;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Messaging;
using Cme.Application.Courses;
using Cme.Application.Courses.Media;
using Cme.Application.Courses.Scenarios;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Learning;
using Cme.Domain.Professionals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Authoring: courses, versions, modules, scenarios and media. See docs/courses.md.</summary>
public static class CourseEndpoints
{
    public sealed record CourseFieldsRequest(
        string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
        IReadOnlyList<Profession> TargetProfessions, IReadOnlyList<string> LearningObjectives,
        string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, IReadOnlyList<Guid>? CoAuthorIds);

    public sealed record DisclosureRequest(string Text);

    public sealed record AddModuleRequest(ModuleKind Kind, string Title, string? Markdown, ScenarioGraph? Scenario, Quiz? Quiz);

    public sealed record UpdateModuleRequest(string Title, string? Markdown, ScenarioGraph? Scenario, Quiz? Quiz);

    public sealed record MoveRequest(int Position);

    public sealed record PassMarkRequest(decimal PassMarkPercent);

    public static IEndpointRouteBuilder MapCourseEndpoints(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/api/v1/courses").WithTags("Course authoring");
        courses.MapGet("/specialties", async (ISender s, CancellationToken ct) => TypedResults.Ok(await s.Send(new ListSpecialties(), ct)));
        courses.MapGet("/mine", async (ISender s, CancellationToken ct) => TypedResults.Ok(await s.Send(new ListMyCourses(), ct)))
            .WithSummary("Courses the caller owns or co-authors.");
        courses.MapPost("/", Create).WithSummary("Start a course (Author); it comes with an empty draft version 1.");
        courses.MapGet("/{id:guid}", async (Guid id, ISender s, CancellationToken ct) => TypedResults.Ok(await s.Send(new GetCourse(id), ct)))
            .WithName("GetCourse");
        courses.MapPut("/{id:guid}", Update);
        courses.MapPost("/{id:guid}/versions", StartNewVersion).WithSummary("A new draft copied from the latest version.");

        var version = courses.MapGroup("/{id:guid}/versions/{versionId:guid}");
        version.MapGet("/", async (Guid id, Guid versionId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetCourseVersion(id, versionId), ct))).WithName("GetCourseVersion")
            .WithSummary("Everything in a version as learners will meet it (pages rendered) with the answer keys: the course's authors and CME administrators only.");
        version.MapPut("/disclosure", async (Guid id, Guid versionId, DisclosureRequest body, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new DiscloseConflicts(id, versionId, body.Text), ct)));
        version.MapPost("/submit", async (Guid id, Guid versionId, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new SubmitVersion(id, versionId), ct)))
            .WithSummary("Submit for accreditation; 400 lists every problem (disclosure, empty modules, scenario violations).");
        version.MapPost("/modules", AddModule);
        version.MapPut("/modules/{moduleId:guid}", async (Guid id, Guid versionId, Guid moduleId, UpdateModuleRequest body, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new UpdateModule(id, versionId, moduleId, body.Title, body.Markdown, body.Scenario, body.Quiz), ct)));
        version.MapDelete("/modules/{moduleId:guid}", async (Guid id, Guid versionId, Guid moduleId, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new RemoveModule(id, versionId, moduleId), ct)));
        version.MapPost("/modules/{moduleId:guid}/move", async (Guid id, Guid versionId, Guid moduleId, MoveRequest body, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new MoveModule(id, versionId, moduleId, body.Position), ct)));

        var scenario = version.MapGroup("/modules/{moduleId:guid}/scenario");
        scenario.MapPut("/nodes/{nodeId}", async (Guid id, Guid versionId, Guid moduleId, string nodeId, ScenarioNode body, ISender s, CancellationToken ct) =>
        {
            if (body is null || body.Id != nodeId)
                throw new RequestValidationException("id", "scenario.node-id-mismatch");
            return await NoContent(s.Send(new UpsertScenarioNode(id, versionId, moduleId, body), ct));
        }).WithSummary("Add or replace one node of the scenario.");
        scenario.MapDelete("/nodes/{nodeId}", async (Guid id, Guid versionId, Guid moduleId, string nodeId, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new DeleteScenarioNode(id, versionId, moduleId, nodeId), ct)));
        scenario.MapPut("/pass-mark", async (Guid id, Guid versionId, Guid moduleId, PassMarkRequest body, ISender s, CancellationToken ct) =>
            await NoContent(s.Send(new SetScenarioPassMark(id, versionId, moduleId, body.PassMarkPercent), ct)));
        scenario.MapGet("/validation", async (Guid id, Guid versionId, Guid moduleId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new ValidateScenario(id, versionId, moduleId), ct)));
        scenario.MapGet("/graph.svg", async (Guid id, Guid versionId, Guid moduleId, ISender s, CancellationToken ct) =>
            TypedResults.Text(await s.Send(new DrawScenario(id, versionId, moduleId), ct), "image/svg+xml", Encoding.UTF8));
        scenario.MapGet("/export", Export).WithSummary("The scenario file (docs/scenario-format.md).");
        scenario.MapPost("/import", Import).WithSummary("Replace the scenario with a file; 400 lists every violation.");

        courses.MapPost("/{id:guid}/media", Upload).DisableAntiforgery()
            .WithSummary("Upload an image (PNG, JPEG or WebP, checked by its bytes, at most 5 MB).");
        courses.MapGet("/{id:guid}/media", async (Guid id, ISender s, CancellationToken ct) => TypedResults.Ok(await s.Send(new ListMedia(id), ct)));
        app.MapGet("/api/v1/media/{id:guid}", Media).WithTags("Course authoring").WithName("GetMedia");
        return app;
    }

    internal static async Task<CreatedAtRoute<CourseCreated>> Create(CreateCourse request, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(request, ct);
        return TypedResults.CreatedAtRoute(created, "GetCourse", new { id = created.Id });
    }

    internal static Task<NoContent> Update(Guid id, CourseFieldsRequest b, ISender sender, CancellationToken ct) =>
        NoContent(sender.Send(new UpdateCourse(id, b.TitleZh, b.TitleEn, b.SummaryZh, b.SummaryEn, b.Specialty, b.TargetProfessions,
            b.LearningObjectives, b.CreditClass, b.CreditValue, b.ProjectLevel, b.CoAuthorIds), ct));

    internal static async Task<CreatedAtRoute<VersionCreated>> StartNewVersion(Guid id, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new Application.Courses.StartNewVersion(id), ct);
        return TypedResults.CreatedAtRoute(created, "GetCourseVersion", new { id, versionId = created.VersionId });
    }

    internal static async Task<Created<ModuleCreated>> AddModule(Guid id, Guid versionId, AddModuleRequest b, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new Application.Courses.AddModule(id, versionId, b.Kind, b.Title, b.Markdown, b.Scenario, b.Quiz), ct);
        return TypedResults.Created($"/api/v1/courses/{id}/versions/{versionId}/modules/{created.Id}", created);
    }

    internal static async Task<FileContentHttpResult> Export(Guid id, Guid versionId, Guid moduleId, ISender sender, CancellationToken ct)
    {
        var file = await sender.Send(new ExportScenario(id, versionId, moduleId), ct);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, ScenarioFile.Json);
        return TypedResults.File(bytes, "application/json", $"scenario-{moduleId:N}.json");
    }

    internal static async Task<NoContent> Import(Guid id, Guid versionId, Guid moduleId, HttpRequest request, ISender sender, CancellationToken ct)
    {
        var text = await Uploads.ReadTextAsync(request, ImportScenario.MaxBytes, ct);
        return await NoContent(sender.Send(new ImportScenario(id, versionId, moduleId, text), ct));
    }

    internal static async Task<Created<MediaInfo>> Upload(Guid id, IFormFile? file, ISender sender, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            throw new RequestValidationException("file", "file.required");
        if (file.Length > MediaAsset.MaxBytes)
            throw new RequestValidationException("file", "image.too-large", new { megabytes = MediaAsset.MaxBytes / 1024 / 1024 });
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var info = await sender.Send(new UploadMedia(id, file.FileName, buffer.ToArray()), ct);
        return TypedResults.Created($"/api/v1/media/{info.Id}", info);
    }

    /// <summary>Served as an image that can never be run: the sniffed type, nosniff, and a sandboxing CSP.</summary>
    internal static async Task<FileContentHttpResult> Media(Guid id, HttpContext http, ISender sender, CancellationToken ct)
    {
        var media = await sender.Send(new GetMedia(id), ct);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
        return TypedResults.File(media.Content, media.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{media.Sha256}\""));
    }

    private static async Task<NoContent> NoContent(ValueTask<Unit> work)
    {
        await work;
        return TypedResults.NoContent();
    }
}

internal static class Uploads
{
    /// <summary>Reads a JSON or text upload: a multipart field "file", or the request body itself.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw new RequestValidationException("file", "file.required");
            if (file.Length > maxBytes)
                throw new RequestValidationException("file", "file.too-large", new { megabytes = maxBytes / 1024 / 1024 });
            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
        }
        using var limited = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            if (limited.Length + read > maxBytes)
                throw new RequestValidationException("file", "file.too-large", new { megabytes = maxBytes / 1024 / 1024 });
            limited.Write(buffer, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(limited.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("file", "file.not-utf8");
        }
    }
}
