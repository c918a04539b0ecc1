using Cme.Web.Api;

namespace Cme.Web.Components.Pages.Review;

/// <summary>
/// A reviewer's comments as posted: <c>comment.general</c>, one <c>comment.{moduleId}</c> per module and
/// one <c>comment.{moduleId}.{nodeId}</c> per node of a case. Read straight from the form because the
/// modules vary; empty ones are not sent.
/// </summary>
public static class ChangesForm
{
    public const string General = "comment.general";

    public static string ForModule(Guid moduleId) => $"comment.{moduleId}";

    public static string ForNode(Guid moduleId, string nodeId) => $"comment.{moduleId}.{nodeId}";

    public static List<ChangeComment> Read(IFormCollection form, IEnumerable<VersionModule> modules)
    {
        var comments = new List<ChangeComment>();
        if (form[General].ToString() is { Length: > 0 } general && !string.IsNullOrWhiteSpace(general))
            comments.Add(new ChangeComment(null, general.Trim()));
        foreach (var module in modules)
        {
            var text = form[ForModule(module.Id)].ToString();
            if (!string.IsNullOrWhiteSpace(text))
                comments.Add(new ChangeComment(module.Id, text.Trim()));
            foreach (var node in module.Scenario?.Nodes ?? [])
            {
                var onNode = form[ForNode(module.Id, node.Id)].ToString();
                if (!string.IsNullOrWhiteSpace(onNode))
                    comments.Add(new ChangeComment(module.Id, onNode.Trim(), node.Id));
            }
        }
        return comments;
    }
}

public sealed class AccreditForm
{
    public string CreditClass { get; set; } = CreditClasses.ClassII;

    public decimal CreditValue { get; set; }

    public ProjectLevel ProjectLevel { get; set; }

    public string? AccreditationNumber { get; set; }

    public static AccreditForm From(CourseView course, Accreditation? accreditation) => new()
    {
        CreditClass = accreditation?.CreditClass ?? course.CreditClass,
        CreditValue = accreditation?.CreditValue ?? course.CreditValue,
        ProjectLevel = accreditation?.ProjectLevel ?? course.ProjectLevel,
        AccreditationNumber = accreditation?.AccreditationNumber ?? course.AccreditationNumber,
    };

    public AccreditInput ToInput() =>
        new(CreditClass, CreditValue, ProjectLevel, AccreditationNumber?.Trim() ?? "");
}
