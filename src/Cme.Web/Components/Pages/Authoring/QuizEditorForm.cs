using System.Globalization;
using Cme.Web.Api;
using Cme.Web.Components.Shared;

namespace Cme.Web.Components.Pages.Authoring;

/// <summary>
/// A quiz as the form editor posts it: the questions with their options, plus one blank question at
/// the end that becomes a new question once it is filled in. Blank option rows and blank questions are
/// dropped; new questions and options get the next free id, existing ids never change (results and
/// reports refer to them). <see cref="Action"/> is the button pressed besides "save": <c>up:2</c>,
/// <c>down:0</c>, <c>delete:1</c>.
/// </summary>
public sealed class QuizEditorForm
{
    public const int MinOptionRows = 4;

    public string? Title { get; set; }

    public QuizPurpose Purpose { get; set; } = QuizPurpose.PostTest;

    public string? PassMarkPercent { get; set; }

    public int? AttemptsAllowed { get; set; }

    public AnswerReveal ShowAnswers { get; set; }

    public List<QuestionRow> Questions { get; set; } = [];

    public string? Action { get; set; }

    public static QuizEditorForm From(string title, Quiz quiz, QuizPolicy defaultPolicy)
    {
        var policy = quiz.Policy ?? defaultPolicy;
        var form = new QuizEditorForm
        {
            Title = title,
            Purpose = quiz.Purpose,
            PassMarkPercent = Labels.Number(quiz.PassMarkPercent),
            AttemptsAllowed = policy.AttemptsAllowed ?? defaultPolicy.AttemptsAllowed,
            ShowAnswers = policy.ShowAnswers,
            Questions = [.. (quiz.Questions ?? []).Select(q => new QuestionRow
            {
                Id = q.Id,
                Text = q.Text,
                Kind = q.Kind,
                Explanation = q.Explanation,
                Options = [.. (q.Options ?? []).Select(o => new OptionRow { Id = o.Id, Text = o.Text, IsCorrect = o.IsCorrect })],
            })],
        };
        form.Questions.Add(new QuestionRow());
        foreach (var question in form.Questions)
            while (question.Options.Count < Math.Max(MinOptionRows, question.Options.Count(o => !o.IsBlank) + 1))
                question.Options.Add(new OptionRow());
        return form;
    }

    /// <summary>The pass mark, or null when it is not a number from 0 to 100.</summary>
    public decimal? ParsedPassMark() =>
        decimal.TryParse(PassMarkPercent, NumberStyles.Number, CultureInfo.InvariantCulture, out var mark) && mark is >= 0 and <= 100 ? mark : null;

    /// <summary>The questions after the pressed button's move or delete, blanks dropped, ids given.</summary>
    public List<QuizQuestion> ToQuestions()
    {
        var rows = Questions.ToList();
        if (Action?.Split(':') is [var verb, var at] && int.TryParse(at, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < rows.Count)
        {
            var target = verb switch { "up" => index - 1, "down" => index + 1, _ => -1 };
            if (verb == "delete")
                rows.RemoveAt(index);
            else if (target >= 0 && target < rows.Count)
                (rows[index], rows[target]) = (rows[target], rows[index]);
        }
        var kept = rows.Where(r => !r.IsBlank).ToList();
        var used = kept.Select(r => r.Id?.Trim()).Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        return [.. kept.Select(r =>
        {
            var id = r.Id?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                while (used.Contains($"q{next}"))
                    next++;
                id = $"q{next}";
                used.Add(id);
            }
            return new QuizQuestion(id, r.Text?.Trim() ?? "", r.Kind, r.ToOptions(), r.Explanation?.Trim() ?? "");
        })];
    }

    public sealed class QuestionRow
    {
        public string? Id { get; set; }

        public string? Text { get; set; }

        public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;

        public string? Explanation { get; set; }

        public List<OptionRow> Options { get; set; } = [];

        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Explanation) && Options.All(o => o.IsBlank);

        public List<QuizOption> ToOptions()
        {
            var filled = Options.Where(o => !o.IsBlank).ToList();
            var used = filled.Select(o => o.Id?.Trim()).Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
            var next = 0;
            return [.. filled.Select(o =>
            {
                var id = o.Id?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    while (used.Contains(OptionId(next)))
                        next++;
                    id = OptionId(next);
                    used.Add(id);
                }
                return new QuizOption(id, o.Text?.Trim() ?? "", o.IsCorrect);
            })];
        }

        // a…z, then z1, z2… for a question with more than 26 options.
        private static string OptionId(int n) => n < 26 ? ((char)('a' + n)).ToString() : $"z{n - 25}";
    }

    public sealed class OptionRow
    {
        public string? Id { get; set; }

        public string? Text { get; set; }

        public bool IsCorrect { get; set; }

        /// <summary>No text: the row is dropped, even if it was ticked.</summary>
        public bool IsBlank => string.IsNullOrWhiteSpace(Text);
    }
}
