using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Reasons;
using Cme.Application.Trainers;
using Cme.Domain.Common;
using Cme.Domain.Courses;
using Cme.Domain.Trainers;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cme.Api.Http;

/// <summary>
/// The one place exceptions become ProblemDetails: 400 with field errors, 401, 403, 404, 409.
/// Anything else is a bug: it is logged and answered with a plain 500, never a stack trace.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception");
            problem = Problem(500, Reason.Of("server.error"));
        }
        context.Response.StatusCode = problem.Status!.Value;
        if (exception is TooManyAttemptsException tooMany)
            context.Response.Headers.RetryAfter = RetryAfterSeconds(tooMany.RetryAfter);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The problem for an exception, its words in the request's language (the culture set from
    /// Accept-Language): <c>title</c> by status, <c>detail</c> from the reason, plus the reason's
    /// <c>code</c> and <c>values</c> for a client that renders its own words.
    /// </summary>
    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        RequestValidationException e => Validation(e.Errors),
        BadHttpRequestException { InnerException: ControlCharacterException json } => Validation(JsonField(json.Path), Reason.Of("request.control-character")),
        BadHttpRequestException { InnerException: JsonException json } => Validation(JsonField(json.Path), Reason.Of("request.malformed")),
        BadHttpRequestException e when BodyMissing().IsMatch(e.Message) => Validation("body", Reason.Of("request.body-missing")),
        BadHttpRequestException e when BindFailure().Match(e.Message) is { Success: true } m =>
            Validation(m.Groups["name"].Value, Reason.Of("request.invalid-value", new { value = m.Groups["value"].Value })),
        BadHttpRequestException e when RequiredMissing().Match(e.Message) is { Success: true } m =>
            Validation(m.Groups["name"].Value, Reason.Of("request.required")),
        BadHttpRequestException e => Problem(e.StatusCode, Reason.Of("request.invalid")),
        ControlCharacterException json => Validation(JsonField(json.Path), Reason.Of("request.control-character")),
        JsonException json => Validation(JsonField(json.Path), Reason.Of("request.malformed")),
        AssignmentRefusedException e => WithProblems(Problem(409, Reason.Of("assignment.refused")), e.Problems),
        NotAnAuthorException e => Problem(403, e.Reason),
        SubmissionRefusedException e => Validation(e.Problems),
        UnauthenticatedException e => Problem(401, e.Reason),
        ForbiddenException e => Problem(403, e.Reason),
        NotFoundException e => Problem(404, e.Reason),
        ConflictException e => Problem(409, e.Reason),
        TooManyAttemptsException e => Problem(429, e.Reason),
        DomainException e => Problem(409, e.Reason),
        DbUpdateConcurrencyException => Problem(409, Reason.Of("conflict.concurrent")),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            Problem(409, Reason.Of("conflict.duplicate")),
        _ => null,
    };

    /// <summary>Whole seconds, rounded up (at least 1), for a Retry-After header.</summary>
    internal static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A problem with its title by status and its detail from the reason, both in the request's language.</summary>
    internal static ProblemDetails Problem(int status, Reason reason)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ReasonText.Find($"title.{status}") ?? ReasonText.Find("title.other"),
            Detail = ReasonText.Render(reason),
        };
        AddReason(problem, reason);
        return problem;
    }

    private static void AddReason(ProblemDetails problem, Reason reason)
    {
        problem.Extensions["code"] = reason.Code;
        if (reason.Values.Count > 0)
            problem.Extensions["values"] = reason.Values;
    }

    private static ProblemDetails WithProblems(ProblemDetails problem, IReadOnlyList<AssignmentProblem> refused)
    {
        problem.Extensions["problems"] = refused.Select(p => new { check = p.Check, message = ReasonText.Render(p.Reason), code = p.Reason.Code }).ToList();
        return problem;
    }

    private static ProblemDetails Validation(string field, Reason reason) =>
        Validation(new Dictionary<string, IReadOnlyList<Reason>> { [field] = [reason] });

    /// <summary>400 with each field's reasons in words (<c>errors</c>) and by code (<c>codes</c>).</summary>
    private static ProblemDetails Validation(IReadOnlyDictionary<string, IReadOnlyList<Reason>> errors)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.Select(r => ReasonText.Render(r)).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ReasonText.Find("title.400"),
        };
        problem.Extensions["code"] = "validation.failed";
        problem.Extensions["codes"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(r => r.Code).Distinct().ToArray());
        return problem;
    }

    /// <summary>"$.roles[1]" becomes "roles[1]"; a body that is not JSON at all is "body".</summary>
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    /// <summary>The framework's words for a body that is empty or absent ("Implicit body inferred…", "… was not provided from body").</summary>
    [GeneratedRegex("""^Implicit body inferred for parameter|was not provided from body""")]
    private static partial Regex BodyMissing();

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^ ]+) (?<name>\w+)" from "(?<value>[^"]*)".""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>[^ ]+) (?<name>\w+)" was not provided""")]
    private static partial Regex RequiredMissing();
}
