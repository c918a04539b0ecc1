using System.Diagnostics.CodeAnalysis;

namespace Cme.Web.Api;

/// <summary>The outcome of an API call that returns no body.</summary>
public sealed class ApiResult
{
    private ApiResult(ApiProblem? problem) => Problem = problem;

    public ApiProblem? Problem { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static ApiResult Success() => new(null);

    public static ApiResult Failure(ApiProblem problem) => new(problem);
}

/// <summary>The outcome of an API call that returns a <typeparamref name="T"/>.</summary>
public sealed class ApiResult<T>
    where T : class
{
    private ApiResult(T? value, ApiProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public ApiProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null && Value is not null;

    public static ApiResult<T> Success(T value) => new(value, null);

    public static ApiResult<T> Failure(ApiProblem problem) => new(null, problem);
}

/// <summary>
/// The API refused the signed-in user's token (401) or the action (403). Pages do not handle it:
/// <see cref="Hosting.ApiAccessFailureMiddleware"/> turns it into a redirect to /login or /forbidden.
/// </summary>
public sealed class ApiAccessException(int status) : Exception($"The API answered {status}.")
{
    public int Status { get; } = status;
}

/// <summary>A file the API sent: its bytes, content type and, when it named one, file name.</summary>
public sealed record ApiFile(byte[] Content, string ContentType, string? FileName);
