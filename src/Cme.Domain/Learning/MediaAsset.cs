using System.Security.Cryptography;
using Cme.Domain.Common;

namespace Cme.Domain.Learning;

/// <summary>An image of a course (PNG, JPEG or WebP, recognised by its bytes, at most 5 MB).</summary>
public sealed class MediaAsset : Entity
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private MediaAsset() { }

    public MediaAsset(Guid courseId, string fileName, byte[] content, Guid uploadedBy, DateTimeOffset now)
    {
        if (content.Length == 0)
            throw new DomainException("file.empty");
        if (content.Length > MaxBytes)
            throw new DomainException("image.too-large", new { megabytes = MaxBytes / 1024 / 1024 });
        ContentType = Sniff(content) ?? throw new DomainException("image.type");
        CourseId = courseId;
        FileName = Path.GetFileName(fileName.Trim()) is { Length: > 0 and <= 200 } name ? name : "image";
        Content = content;
        Size = content.Length;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        UploadedBy = uploadedBy;
        UploadedAt = now;
    }

    public Guid CourseId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public int Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public Guid UploadedBy { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The image type by its signature bytes, never by the file name or the browser's word.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "image/jpeg";
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        return null;
    }
}
