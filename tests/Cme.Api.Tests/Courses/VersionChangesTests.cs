using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cme.Testing;

namespace Cme.Api.Tests.Courses;

/// <summary>The reviewer of a new version sees what changed against the accredited one, module by module.</summary>
public sealed class VersionChangesTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task Reviewer_SeesTheRetitledPage_AndTheNodeWhoseNarrativeChanged_TheQuizzesUnchanged()
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var course = (await author.GetFromJsonAsync<JsonElement>("/api/v1/courses/mine")).EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "ENDO-HYPO-01").GetProperty("id").GetGuid();
        var started = await author.PostAsync($"/api/v1/courses/{course}/versions", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var version = $"/api/v1/courses/{course}/versions/{(await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionId").GetGuid()}";
        var draft = await author.GetFromJsonAsync<JsonElement>(version);
        var modules = draft.GetProperty("modules").EnumerateArray().ToList();
        modules.Count.ShouldBe(4); // a pre-test, the page, the case and the post-test
        var page = modules.Single(m => m.GetProperty("kind").GetString() == "Page");
        var scenario = modules.Single(m => m.GetProperty("kind").GetString() == "Scenario");

        var retitled = await author.PutAsJsonAsync($"{version}/modules/{page.GetProperty("id").GetGuid()}",
            new { title = page.GetProperty("title").GetString() + "（修订）", markdown = page.GetProperty("markdown").GetString() });
        retitled.IsSuccessStatusCode.ShouldBeTrue(await retitled.Content.ReadAsStringAsync());
        var node = JsonNode.Parse(scenario.GetProperty("scenario").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("id").GetString() == "d1").GetRawText())!;
        node["narrative"] = "患者嗜睡，呼之能应。";
        var edited = await author.PutAsJsonAsync($"{version}/modules/{scenario.GetProperty("id").GetGuid()}/scenario/nodes/d1", node);
        edited.IsSuccessStatusCode.ShouldBeTrue(await edited.Content.ReadAsStringAsync());

        var reviewer = await api.SignedInClientAsync(Demo.CmeAdmin);
        var changes = await reviewer.GetFromJsonAsync<JsonElement>($"{version}/changes");

        changes.GetProperty("previousNumber").GetInt32().ShouldBe(1);
        var compared = changes.GetProperty("modules").EnumerateArray().ToList();
        compared.Count.ShouldBe(4);
        var byKind = compared.Where(m => m.GetProperty("kind").GetString() != "Quiz").ToDictionary(m => m.GetProperty("kind").GetString()!);
        byKind["Page"].GetProperty("change").GetString().ShouldBe("Changed");
        byKind["Page"].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["title"]);
        byKind["Page"].GetProperty("previousTitle").GetString().ShouldBe(page.GetProperty("title").GetString());
        byKind["Scenario"].GetProperty("change").GetString().ShouldBe("Changed");
        var item = byKind["Scenario"].GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("id").GetString().ShouldBe("d1");
        item.GetProperty("change").GetString().ShouldBe("Changed");
        item.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["narrative"]);
        var quizzes = compared.Where(m => m.GetProperty("kind").GetString() == "Quiz").Select(m => m.GetProperty("change").GetString()).ToList();
        quizzes.ShouldBe(["Unchanged", "Unchanged"]);

        // The first version has nothing to be compared with; a GP may not ask.
        var first = (await author.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{course}")).GetProperty("versions").EnumerateArray()
            .Single(v => v.GetProperty("number").GetInt32() == 1).GetProperty("id").GetGuid();
        var none = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{course}/versions/{first}/changes");
        none.GetProperty("previousVersionId").ValueKind.ShouldBe(JsonValueKind.Null);
        none.GetProperty("modules").GetArrayLength().ShouldBe(0);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        (await gp.GetAsync($"{version}/changes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
