using Cme.Application.Learning;

namespace Cme.Application.Tests.Learning;

public sealed class SafeMarkdownTests
{
    private static readonly Guid OwnImage = Guid.NewGuid();

    private static string Render(string markdown) => SafeMarkdown.ToHtml(markdown, new HashSet<Guid> { OwnImage });

    [Fact]
    public void ScriptTag_IsShownAsText()
    {
        var html = Render("血糖 <script>alert('x')</script> 偏低");

        html.ShouldNotContain("<script");
        html.ShouldContain("&lt;script&gt;");
    }

    [Theory]
    [InlineData("[点我](javascript:alert(1))")]
    [InlineData("[点我](JaVaScRiPt:alert(1))")]
    [InlineData("[点我](<java\tscript:alert(1)>)")]
    [InlineData("[点我](javascript&#58;alert(1))")]
    [InlineData("[点我](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<javascript:alert(1)>")]
    public void JavascriptAndDataLinks_AreDisarmed(string markdown)
    {
        var html = Render(markdown);

        // Whatever is left is text; no attribute of any element carries the script.
        System.Text.RegularExpressions.Regex.IsMatch(html, "<[^>]*(javascript|data):", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .ShouldBeFalse(html);
    }

    [Fact]
    public void OnErrorAttribute_RendersInert()
    {
        var html = Render("<img src=x onerror=alert(1)>\n\n![x](http://evil.example/x.png){onerror=alert(1)}");

        html.ShouldNotContain("<img");
        System.Text.RegularExpressions.Regex.IsMatch(html, "<[^>]*onerror", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .ShouldBeFalse(html);
        html.ShouldNotContain("evil.example");
    }

    [Fact]
    public void HttpAndRelativeLinks_AndOwnImages_Survive()
    {
        var html = Render($"[指南](https://www.nhc.gov.cn/guide) [本课](../modules/2)\n\n![心电图](media:{OwnImage})");

        html.ShouldContain("href=\"https://www.nhc.gov.cn/guide\"");
        html.ShouldContain("href=\"../modules/2\"");
        html.ShouldContain($"<img src=\"/media/{OwnImage}\" alt=\"心电图\"");
    }

    [Fact]
    public void ImagesFromElsewhere_OrOtherCourses_AreDropped()
    {
        var html = Render($"![外链](https://example.com/a.png) ![别的课程](media:{Guid.NewGuid()})");

        html.ShouldNotContain("<img");
        html.ShouldContain("外链");
    }
}
