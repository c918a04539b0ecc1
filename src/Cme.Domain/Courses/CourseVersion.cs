using Cme.Domain.Common;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;

namespace Cme.Domain.Courses;

/// <summary>A step of the accreditation workflow, kept with the version.</summary>
public sealed record VersionTransition(CourseVersionStatus From, CourseVersionStatus To, Guid By, DateTimeOffset At, string? Note);

/// <summary>A reviewer's comment: on the version as a whole, on one module, or on one node of a module's case.</summary>
public sealed record ReviewComment(Guid? ModuleId, string Text, Guid By, DateTimeOffset At, string? NodeId = null);

/// <summary>The accreditation data a CmeAdmin confirmed.</summary>
public sealed record Accreditation(string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string AccreditationNumber, Guid AccreditedBy, DateTimeOffset AccreditedAt);

/// <summary>
/// One version of a course's content. Authors edit it while it is a draft (or changes were
/// requested); once submitted it is frozen, and a published version never changes again.
/// </summary>
public sealed class CourseVersion : Entity
{
    public const int DisclosureMaxLength = 4000;
    public const int MaxModules = 50;

    private readonly List<CourseModule> _modules = [];
    private List<VersionTransition> _transitions = [];
    private List<ReviewComment> _reviewComments = [];

    private CourseVersion() { }

    internal CourseVersion(Guid courseId, int number, DateTimeOffset now)
    {
        CourseId = courseId;
        Number = number;
        Status = CourseVersionStatus.Draft;
        CreatedAt = now;
    }

    public Guid CourseId { get; private set; }
    public int Number { get; private set; }
    public CourseVersionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The authors' disclosure of conflicts of interest, shown to learners.</summary>
    public string? Disclosure { get; private set; }

    public Accreditation? Accreditation { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public IReadOnlyList<CourseModule> Modules => _modules.OrderBy(m => m.Position).ToList();
    public IReadOnlyList<VersionTransition> Transitions => _transitions;
    public IReadOnlyList<ReviewComment> ReviewComments => _reviewComments;

    public bool IsEditable => Status is CourseVersionStatus.Draft or CourseVersionStatus.ChangesRequested;

    public CourseModule AddModule(ModuleKind kind, string title, string? markdown, ScenarioGraph? scenario, Quiz? quiz)
    {
        EnsureEditable();
        if (_modules.Count >= MaxModules)
            throw new DomainException("version.too-many-modules", new { max = MaxModules });
        var module = new CourseModule(Id, _modules.Count, kind, title, markdown, scenario, quiz);
        _modules.Add(module);
        return module;
    }

    public void UpdateModule(Guid moduleId, string title, string? markdown, ScenarioGraph? scenario, Quiz? quiz)
    {
        EnsureEditable();
        Module(moduleId).Replace(title, markdown, scenario, quiz);
    }

    public void RemoveModule(Guid moduleId)
    {
        EnsureEditable();
        _modules.Remove(Module(moduleId));
        Renumber(_modules.OrderBy(m => m.Position).ToList());
    }

    public void MoveModule(Guid moduleId, int position)
    {
        EnsureEditable();
        var ordered = _modules.OrderBy(m => m.Position).ToList();
        var module = Module(moduleId);
        ordered.Remove(module);
        ordered.Insert(Math.Clamp(position, 0, ordered.Count), module);
        Renumber(ordered);
    }

    public CourseModule Module(Guid moduleId) =>
        _modules.FirstOrDefault(m => m.Id == moduleId) ?? throw new DomainException("version.module-unknown", new { moduleId });

    public void Disclose(string disclosure)
    {
        EnsureEditable();
        Disclosure = Guard.Required(disclosure, "disclosure", DisclosureMaxLength);
    }

    /// <summary>Everything that keeps this version from being submitted, by module.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Reason>> SubmissionProblems()
    {
        var problems = new Dictionary<string, IReadOnlyList<Reason>>();
        if (string.IsNullOrWhiteSpace(Disclosure))
            problems["disclosure"] = [Reason.Of("version.disclosure-required")];
        if (_modules.Count == 0)
            problems["modules"] = [Reason.Of("version.no-modules")];
        foreach (var module in Modules)
            if (module.Problems() is { Count: > 0 } found)
                problems[$"modules[{module.Id}]"] = found;
        return problems;
    }

    internal void Submit(Guid by, DateTimeOffset now)
    {
        EnsureEditable();
        if (SubmissionProblems() is { Count: > 0 } problems)
            throw new SubmissionRefusedException(problems);
        Move(CourseVersionStatus.Submitted, by, now, null);
    }

    internal void RequestChanges(Guid by, DateTimeOffset now, IReadOnlyList<(Guid? ModuleId, string? NodeId, string Text)> comments)
    {
        EnsureStatus(CourseVersionStatus.Submitted, "request-changes");
        if (comments.Count == 0 || comments.Any(c => string.IsNullOrWhiteSpace(c.Text)))
            throw new DomainException("review.comments-required");
        foreach (var (moduleId, nodeId, _) in comments)
        {
            var module = moduleId is { } id ? Module(id) : null;
            if (nodeId is not null && module?.Scenario?.Find(nodeId) is null)
                throw new DomainException("review.node-unknown", new { node = nodeId });
        }
        _reviewComments = [.. comments.Select(c => new ReviewComment(c.ModuleId, c.Text.Trim(), by, now, c.NodeId))];
        Move(CourseVersionStatus.ChangesRequested, by, now, null); // the comments themselves are kept with the version
    }

    internal void Accredit(Accreditation accreditation)
    {
        EnsureStatus(CourseVersionStatus.Submitted, "accredit");
        Accreditation = accreditation;
        // The note is the accreditation number, a code; the class, value and level are shown from the accreditation in the reader's words.
        Move(CourseVersionStatus.Accredited, accreditation.AccreditedBy, accreditation.AccreditedAt, accreditation.AccreditationNumber);
    }

    internal void Publish(Guid by, DateTimeOffset now)
    {
        EnsureStatus(CourseVersionStatus.Accredited, "publish");
        PublishedAt = now;
        Move(CourseVersionStatus.Published, by, now, null);
    }

    internal void Retire(Guid by, DateTimeOffset now, string? note)
    {
        if (Status is not (CourseVersionStatus.Published or CourseVersionStatus.Accredited))
            throw new CourseVersionStateException("version.retire-state", new { number = Number, status = Status });
        Move(CourseVersionStatus.Retired, by, now, note);
    }

    internal CourseVersion CopyAsDraft(int number, DateTimeOffset now)
    {
        var copy = new CourseVersion(CourseId, number, now) { Disclosure = Disclosure };
        copy._modules.AddRange(_modules.Select(m => m.CopyTo(copy.Id)));
        return copy;
    }

    private void Move(CourseVersionStatus to, Guid by, DateTimeOffset now, string? note)
    {
        _transitions = [.. _transitions, new VersionTransition(Status, to, by, now, note)];
        Status = to;
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
            throw new CourseVersionStateException("version.not-editable", new { number = Number, status = Status });
    }

    private void EnsureStatus(CourseVersionStatus expected, string action)
    {
        if (Status != expected)
            throw new CourseVersionStateException("version.wrong-state", new { expected, action, number = Number, status = Status });
    }

    private static void Renumber(List<CourseModule> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].Position = i;
    }
}

/// <summary>The version is in a state that does not allow this (409).</summary>
public sealed class CourseVersionStateException(string code, object? values = null) : DomainException(code, values);

/// <summary>The version cannot be submitted yet; lists every problem by module (400).</summary>
public sealed class SubmissionRefusedException(IReadOnlyDictionary<string, IReadOnlyList<Reason>> problems)
    : DomainException("version.not-submittable")
{
    public IReadOnlyDictionary<string, IReadOnlyList<Reason>> Problems { get; } = problems;
}
