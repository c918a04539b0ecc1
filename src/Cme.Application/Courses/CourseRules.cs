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
        RuleFor(x => x.Specialty).Must(Specialties.IsKnown).WithMessage("Choose one of the listed specialties.");
        RuleFor(x => x.TargetProfessions).NotEmpty().WithMessage("Name at least one target profession.");
        RuleForEach(x => x.TargetProfessions).IsInEnum();
        RuleFor(x => x.LearningObjectives).NotEmpty().Must(o => o is null || o.Count <= Course.MaxObjectives)
            .WithMessage($"Give 1 to {Course.MaxObjectives} learning objectives.");
        RuleForEach(x => x.LearningObjectives).NotEmpty().MaximumLength(Course.ObjectiveMaxLength);
        RuleFor(x => x.CreditClass).Must(c => CreditClasses.All.Contains(c)).WithMessage("Credit class must be I or II.");
        RuleFor(x => x.CreditValue).Must(Course.IsValidCreditValue).WithMessage("Credit value must be more than 0, at most 50, in steps of 0.5.");
        RuleFor(x => x.ProjectLevel).IsInEnum();
    }
}
