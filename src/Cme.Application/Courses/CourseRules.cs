using Cme.Application.Common.Reasons;
using Cme.Domain.Courses;
using FluentValidation;

namespace Cme.Application.Courses;

internal abstract class CourseFieldsValidator<T> : AbstractValidator<T> where T : ICourseFields
{
    protected CourseFieldsValidator()
    {
        RuleFor(x => x.TitleZh).NotEmpty().MaximumLength(Course.TitleMaxLength);
        RuleFor(x => x.TitleEn).NotEmpty().MaximumLength(Course.TitleMaxLength);
        RuleFor(x => x.SummaryZh).NotEmpty().MaximumLength(Course.SummaryMaxLength);
        RuleFor(x => x.SummaryEn).NotEmpty().MaximumLength(Course.SummaryMaxLength);
        RuleFor(x => x.Specialty).Must(Specialties.IsKnown).WithReason("course.specialty-unknown");
        RuleFor(x => x.TargetProfessions).NotEmpty().WithReason("course.professions-required");
        RuleForEach(x => x.TargetProfessions).IsInEnum();
        RuleFor(x => x.LearningObjectives).NotEmpty().Must(o => o is null || o.Count <= Course.MaxObjectives)
            .WithReason("course.objectives-count", new { max = Course.MaxObjectives });
        RuleForEach(x => x.LearningObjectives).NotEmpty().MaximumLength(Course.ObjectiveMaxLength);
        RuleFor(x => x.CreditClass).Must(c => CreditClasses.All.Contains(c)).WithReason("credit-class.unknown", new { classes = CreditClasses.All });
        RuleFor(x => x.CreditValue).Must(Course.IsValidCreditValue).WithReason("credit-value.invalid", new { max = Course.MaxCreditValue });
        RuleFor(x => x.ProjectLevel).IsInEnum();
    }
}
