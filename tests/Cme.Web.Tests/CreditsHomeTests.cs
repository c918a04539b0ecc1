using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

public sealed class CreditsHomeTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Gp_SeesThisYearsCreditsAgainstTheRequirement_AndWhatIsMissing()
    {
        var gp = await stack.SignInAsync(Demo.Gp);

        await Assertions.Expect(gp.GetByTestId("credits-card")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("credits-progress")).ToHaveAttributeAsync("data-max", "25");
        await Assertions.Expect(gp.GetByTestId("credits-status")).ToHaveAttributeAsync("data-status", "AtRisk");
        await Assertions.Expect(gp.GetByTestId("credits-shortfall").First).ToContainTextAsync("还需 25 学分");

        await gp.GetByTestId("link-transcript").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("transcript")).ToBeVisibleAsync();
        await Assertions.Expect(gp.Locator("body")).ToContainTextAsync("510100000000003"); // her licence number heads the transcript
    }
}
