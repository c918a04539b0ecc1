using Cme.Domain.Common;

namespace Cme.Domain.Learning;

/// <summary>
/// Which version of a course a learner is on: the one they started, kept even when a newer
/// version is published, so their attempts and credits stay with the content they saw.
/// </summary>
public sealed class CourseProgress : Entity
{
    private CourseProgress() { }

    public CourseProgress(Guid learnerId, Guid courseId, Guid versionId, DateTimeOffset now)
    {
        LearnerId = learnerId;
        CourseId = courseId;
        VersionId = versionId;
        StartedAt = now;
    }

    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid VersionId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
}
