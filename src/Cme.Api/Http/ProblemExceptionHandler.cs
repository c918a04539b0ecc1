using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Application.Common.Exceptions;
using Cme.Application.Trainers;
using Cme.Domain.Common;
using Cme.Domain.Courses;
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
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged. Quote the trace id when you report it.",
            };
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        RequestValidationException e => Validation(e.Errors),
        BadHttpRequestException { InnerException: JsonException json } => Validation(JsonField(json.Path), "The value is missing, malformed or of the wrong type."),
        BadHttpRequestException e when BindFailure().Match(e.Message) is { Success: true } m =>
            Validation(m.Groups["name"].Value, $"\"{m.Groups["value"].Value}\" is not a valid value."),
        BadHttpRequestException e when RequiredMissing().Match(e.Message) is { Success: true } m =>
            Validation(m.Groups["name"].Value, "This value is required."),
        BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "The request is not valid.", Detail = e.Message },
        JsonException json => Validation(JsonField(json.Path), "The value is missing, malformed or of the wrong type."),
        UnauthenticatedException e => new ProblemDetails { Status = 401, Title = "Sign-in required.", Detail = e.Message },
        ForbiddenException e => new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = e.Message },
        NotFoundException e => new ProblemDetails { Status = 404, Title = "Not found.", Detail = e.Message },
        ConflictException e => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = e.Message },
        AssignmentRefusedException e => new ProblemDetails
        {
            Status = 409, Title = "The trainer cannot take this session.", Detail = e.Message,
            Extensions = { ["problems"] = e.Problems },
        },
        NotAnAuthorException e => new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = e.Message },
        SubmissionRefusedException e => Validation(e.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())),
        DomainException e => new ProblemDetails { Status = 409, Title = "The request breaks a rule.", Detail = e.Message },
        DbUpdateConcurrencyException => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = "The record was changed at the same time by another request. Reload and try again." },
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            new ProblemDetails { Status = 409, Title = "Conflict.", Detail = "A record with the same unique value already exists." },
        _ => null,
    };

    private static ProblemDetails Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
        };

    /// <summary>"$.roles[1]" becomes "roles[1]"; a body that is not JSON at all is "body".</summary>
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^ ]+) (?<name>\w+)" from "(?<value>[^"]*)".""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>[^ ]+) (?<name>\w+)" was not provided""")]
    private static partial Regex RequiredMissing();
}
