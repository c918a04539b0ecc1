using Cme.Application.Calendars;
using Cme.Application.Common.Messaging;
using Cme.Application.Offerings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Offerings, sessions, enrolment and schedules. See docs/offerings.md.</summary>
public static class OfferingEndpoints
{
    public sealed record CreateOfferingRequest(Guid CourseId, OfferingInput Offering);

    public sealed record UpdateSessionRequest(SessionInput Session, string? Reason);

    public sealed record ReasonRequest(string? Reason);

    public sealed record EnrolOnBehalfRequest(Guid ProfessionalId);

    public static IEndpointRouteBuilder MapOfferingEndpoints(this IEndpointRouteBuilder app)
    {
        var offerings = app.MapGroup("/api/v1/offerings").WithTags("Offerings and enrolment");
        offerings.MapGet("/", List).WithSummary("Every offering (CmeAdmin, InstitutionAdmin), or with openToMe=true those the caller may enrol in now or later.");
        offerings.MapPost("/", Create).WithSummary("A new run of a published course (CmeAdmin).");
        offerings.MapGet("/{id:guid}", Get).WithName("GetOffering");
        offerings.MapPut("/{id:guid}", Update);
        offerings.MapPost("/{id:guid}/sessions", AddSession).WithSummary("A session in local time of its time zone (Asia/Shanghai by default).");
        offerings.MapGet("/{id:guid}/enrolments", Enrolments).WithSummary("Enrolled and waitlisted people with positions and history (CmeAdmin; an InstitutionAdmin sees their own staff).");
        offerings.MapGet("/{id:guid}/learners", Learners)
            .WithSummary("Each enrolled learner: attendance per session, post-test and scenarios, evaluation, completion state with reasons, credits, certificate. Filter: All, NotComplete, MissingEvaluation (CmeAdmin; the offering's trainers; an InstitutionAdmin sees their own staff).");
        offerings.MapPost("/{id:guid}/learners/remind", RemindLearners)
            .WithSummary("Remind every learner still missing something they can do, in-app and by e-mail, at most once per learner per day (CmeAdmin).");
        offerings.MapPost("/{id:guid}/enrol", Enrol).WithSummary("Enrol; when full, join the waitlist. 409 when closed, full without waitlist, or already enrolled.");
        offerings.MapPost("/{id:guid}/enrol-on-behalf", EnrolOnBehalf)
            .WithSummary("Enrol someone on their behalf (CmeAdmin anyone; InstitutionAdmin their own staff, others 404), outside the window if need be, never over capacity.");

        var sessions = app.MapGroup("/api/v1/sessions").WithTags("Offerings and enrolment");
        sessions.MapPut("/{id:guid}", UpdateSession).WithSummary("Edit or reschedule; the change is recorded for the people affected.");
        sessions.MapPost("/{id:guid}/cancel", CancelSession);
        sessions.MapGet("/{id:guid}/calendar.ics", SessionCalendar).WithSummary("The session as an iCalendar file.");

        var enrolments = app.MapGroup("/api/v1/enrolments").WithTags("Offerings and enrolment");
        enrolments.MapPost("/{id:guid}/cancel", CancelEnrolment).WithSummary("Give up a seat or waitlist place; the first person waiting moves up.");
        enrolments.MapPost("/{id:guid}/complete", CompleteEnrolment).WithSummary("Record completion (CmeAdmin); a train-the-trainer completion makes a trainer candidate.");

        app.MapGet("/api/v1/catalogue/{courseId:guid}/offerings", CourseOfferings).WithTags("Offerings and enrolment")
            .WithSummary("The course's classes open to the caller (enrolment not closed, audience admits them) and those they are in, with their own status.");
        app.MapGet("/api/v1/me/schedule", Schedule).WithTags("Offerings and enrolment").WithSummary("My sessions as learner and trainer.");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<OfferingSummary>>> List(ISender sender, CancellationToken ct, bool openToMe = false) =>
        TypedResults.Ok(await sender.Send(new ListOfferings(openToMe), ct));

    internal static async Task<CreatedAtRoute<OfferingCreated>> Create(CreateOfferingRequest body, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new CreateOffering(body.CourseId, body.Offering), ct);
        return TypedResults.CreatedAtRoute(created, "GetOffering", new { id = created.Id });
    }

    internal static async Task<Ok<IReadOnlyList<CourseOffering>>> CourseOfferings(Guid courseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCourseOfferings(courseId), ct));

    internal static async Task<Ok<OfferingView>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetOffering(id), ct));

    internal static async Task<NoContent> Update(Guid id, OfferingInput body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new UpdateOffering(id, body), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Created<SessionCreated>> AddSession(Guid id, SessionInput body, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new Application.Offerings.AddSession(id, body), ct);
        return TypedResults.Created($"/api/v1/sessions/{created.Id}", created);
    }

    internal static async Task<Ok<IReadOnlyList<EnrolmentView>>> Enrolments(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListEnrolments(id), ct));

    internal static async Task<Ok<OfferingLearners>> Learners(Guid id, ISender sender, CancellationToken ct, LearnerFilter filter = LearnerFilter.All) =>
        TypedResults.Ok(await sender.Send(new ListOfferingLearners(id, filter), ct));

    internal static async Task<Ok<LearnersReminded>> RemindLearners(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RemindOfferingLearners(id), ct));

    internal static async Task<Ok<MyEnrolment>> Enrol(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new Application.Offerings.Enrol(id), ct));

    internal static async Task<Ok<MyEnrolment>> EnrolOnBehalf(Guid id, EnrolOnBehalfRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new Application.Offerings.EnrolOnBehalf(id, body.ProfessionalId), ct));

    internal static async Task<NoContent> UpdateSession(Guid id, UpdateSessionRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Application.Offerings.UpdateSession(id, body.Session, body.Reason), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> CancelSession(Guid id, ReasonRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Application.Offerings.CancelSession(id, body.Reason ?? ""), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> CancelEnrolment(Guid id, ReasonRequest? body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Application.Offerings.CancelEnrolment(id, body?.Reason), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> CompleteEnrolment(Guid id, ReasonRequest? body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Application.Offerings.CompleteEnrolment(id, body?.Reason), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<ScheduleItem>>> Schedule(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMySchedule(), ct));

    internal static async Task<FileContentHttpResult> SessionCalendar(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await sender.Send(new GetSessionCalendar(id), ct)), "text/calendar; charset=utf-8", $"session-{id:N}.ics");
}
