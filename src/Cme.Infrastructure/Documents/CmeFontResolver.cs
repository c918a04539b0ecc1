using PdfSharp.Fonts;

namespace Cme.Infrastructure.Documents;

/// <summary>
/// Gives PDFsharp one font that has both Chinese and Latin glyphs (PDFsharp has no glyph fallback,
/// so mixed text such as "张伟 (Zhang Wei)" needs a single font that covers both). WenQuanYi Micro
/// Hei is a TrueType collection; its first face is taken out as a plain .ttf. Bold is simulated.
/// PDFsharp embeds only the glyphs a document uses.
/// </summary>
public sealed class CmeFontResolver : IFontResolver
{
    public const string Family = "CmeSans";
    public const string InstallHint = "Install a font with Chinese and Latin glyphs: apt-get install fonts-wqy-microhei (run.sh and test.sh do), or set Cme__Fonts__Path.";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private readonly Lazy<byte[]> _font;

    public CmeFontResolver(string? configuredPath) => _font = new Lazy<byte[]>(() => Load(configuredPath));

    public static string? FindFont(string? configuredPath) =>
        new[] { configuredPath }.Concat(Candidates).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(Family, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => _font.Value;

    private static byte[] Load(string? configuredPath)
    {
        var path = FindFont(configuredPath) ?? throw new InvalidOperationException($"No CJK font found. {InstallHint}");
        var bytes = File.ReadAllBytes(path);
        return TrueTypeCollection.IsCollection(bytes) ? TrueTypeCollection.ExtractFace(bytes, 0) : bytes;
    }
}
