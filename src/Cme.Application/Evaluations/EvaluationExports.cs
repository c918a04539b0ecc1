using System.Globalization;
using Cme.Application.Common.Csv;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Reasons;
using Cme.Application.Common.Security;
using Cme.Application.Reports;
using Cme.Domain.Attendance;
using Cme.Domain.Professionals;

namespace Cme.Application.Evaluations;

/// <summary>The answers of one offering as CSV, one row per answer; same readers and anonymity as the summary.</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.Trainer)]
public sealed record ExportOfferingEvaluations(Guid OfferingId) : IQuery<ReportFile>;

/// <summary>The answers of every offering of a course as CSV (a trainer: the offerings they teach).</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.Trainer)]
public sealed record ExportCourseEvaluations(Guid CourseId) : IQuery<ReportFile>;

internal sealed class ExportOfferingEvaluationsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ExportOfferingEvaluations, ReportFile>
{
    public async ValueTask<ReportFile> Handle(ExportOfferingEvaluations request, CancellationToken cancellationToken)
    {
        var scope = await EvaluationAccess.ForOfferingAsync(db, user, request.OfferingId, cancellationToken);
        var answers = await EvaluationAccess.AnswersAsync(db, scope, cancellationToken);
        return new ReportFile(CsvDocument.FileName($"evaluations-{scope.CourseCode}-{request.OfferingId:N}", "csv"), ReportFile.Csv,
            EvaluationCsv.Write(scope, answers, CultureInfo.CurrentUICulture));
    }
}

internal sealed class ExportCourseEvaluationsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ExportCourseEvaluations, ReportFile>
{
    public async ValueTask<ReportFile> Handle(ExportCourseEvaluations request, CancellationToken cancellationToken)
    {
        var scope = await EvaluationAccess.ForCourseAsync(db, user, request.CourseId, cancellationToken);
        var answers = await EvaluationAccess.AnswersAsync(db, scope, cancellationToken);
        return new ReportFile(CsvDocument.FileName($"evaluations-{scope.CourseCode}", "csv"), ReportFile.Csv,
            EvaluationCsv.Write(scope, answers, CultureInfo.CurrentUICulture));
    }
}

/// <summary>
/// Headings in the reader's language (Chinese unless English is asked for). The CME office's file has
/// the time and the learner of each answer, newest first; a trainer's has neither, its rows sorted by
/// offering and scores so that their order gives nobody away, and no comment of an offering with fewer
/// than three answers.
/// </summary>
internal static class EvaluationCsv
{
    public static byte[] Write(EvaluationAccess.Scope scope, IReadOnlyList<EvaluationAccess.Answer> answers, CultureInfo culture)
    {
        var zh = !ReasonText.IsEnglish(culture);
        var questions = Enum.GetValues<EvaluationQuestion>();
        var header = new List<string>(zh ? ["课程代码", "课程", "培训项目"] : ["Course code", "Course", "Offering"]);
        if (scope.Office)
            header.AddRange(zh ? ["提交时间(UTC)", "姓名", "姓名拼音", "执业证号"] : ["Submitted at (UTC)", "Name", "Name (Latin)", "Licence number"]);
        header.AddRange(questions.Select(q => Question(q, zh)));
        header.Add(zh ? "评语" : "Comments");

        var perOffering = answers.GroupBy(a => a.Evaluation.OfferingId).ToDictionary(g => g.Key, g => g.Count());
        var rows = scope.Office
            ? answers
            : answers.OrderBy(a => a.OfferingTitle, StringComparer.Ordinal).ThenBy(a => a.Evaluation.OfferingId)
                .ThenByDescending(a => a.Evaluation.Content).ThenByDescending(a => a.Evaluation.Relevance).ThenByDescending(a => a.Evaluation.Teaching)
                .ThenByDescending(a => a.Evaluation.Organisation).ThenBy(a => a.Evaluation.Comments, StringComparer.Ordinal).ToList();
        var courseTitle = !zh && !string.IsNullOrWhiteSpace(scope.CourseTitleEn) ? scope.CourseTitleEn : scope.CourseTitleZh;
        using var csv = new CsvDocument(header.ToArray());
        foreach (var answer in rows)
        {
            var e = answer.Evaluation;
            csv.Text(scope.CourseCode).Text(courseTitle).Text(answer.OfferingTitle);
            if (scope.Office)
                csv.Text(e.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Text(answer.NameZh).Text(answer.NameLatin)
                    .Text(answer.LicenceNumber);
            foreach (var q in questions)
                csv.Number(e.Rating(q));
            csv.Text(scope.Office || EvaluationAccess.TrainerMayReadComments(perOffering[e.OfferingId]) ? e.Comments : null);
            csv.EndRow();
        }
        return csv.ToBytes();
    }

    private static string Question(EvaluationQuestion question, bool zh) => (question, zh) switch
    {
        (EvaluationQuestion.Content, true) => "内容",
        (EvaluationQuestion.Relevance, true) => "与工作的相关性",
        (EvaluationQuestion.Teaching, true) => "授课",
        (EvaluationQuestion.Organisation, true) => "组织安排",
        (EvaluationQuestion.Relevance, false) => "Relevance to my work",
        _ => question.ToString(),
    };
}
