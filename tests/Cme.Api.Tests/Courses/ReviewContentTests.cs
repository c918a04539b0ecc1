using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Courses;

/// <summary>
/// The CME office judges what will be taught: a submitted version reaches the reviewer with every node's
/// narrative, options, scores and feedback, every page rendered and every quiz's key; a learner gets none of it.
/// </summary>
public sealed class ReviewContentTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    /// <summary>The demo author starts version 2 of a demo course (a copy of the published one) and submits it.</summary>
    private async Task<string> SubmittedVersionAsync(string code)
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var course = (await author.GetFromJsonAsync<JsonElement>("/api/v1/courses/mine")).EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
        var started = await author.PostAsync($"/api/v1/courses/{course}/versions", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var version = $"/api/v1/courses/{course}/versions/{(await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionId").GetGuid()}";
        var submitted = await author.PostAsync($"{version}/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.NoContent, await submitted.Content.ReadAsStringAsync());
        return version;
    }

    private static JsonElement ModuleOf(JsonElement version, string kind, int nth = 0) =>
        version.GetProperty("modules").EnumerateArray().OrderBy(m => m.GetProperty("position").GetInt32())
            .Where(m => m.GetProperty("kind").GetString() == kind).ElementAt(nth);

    [Fact]
    public async Task Reviewer_GetsEveryNodesNarrativeOptionsAndFeedback_ThePageRendered_AndTheQuizKey_ALearnerIsRefused()
    {
        var version = await SubmittedVersionAsync("ENDO-HYPO-01");
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var content = await admin.GetFromJsonAsync<JsonElement>(version);

        content.GetProperty("status").GetString().ShouldBe("Submitted");
        var nodes = ModuleOf(content, "Scenario").GetProperty("scenario").GetProperty("nodes").EnumerateArray().ToList();
        nodes.Count.ShouldBe(12);
        var first = nodes.Single(n => n.GetProperty("id").GetString() == "d1");
        first.GetProperty("narrative").GetString().ShouldBe("患者反应迟钝，能睁眼，能简单应答。");
        var stroke = first.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "stroke");
        stroke.GetProperty("text").GetString().ShouldBe("考虑脑卒中，直接转上级医院做头颅CT");
        stroke.GetProperty("nextNodeId").GetString().ShouldBe("o_transfer");
        stroke.GetProperty("score").GetDecimal().ShouldBe(0m);
        stroke.GetProperty("feedback").GetString()!.ShouldStartWith("危险：低血糖可表现为卒中样症状。");
        stroke.GetProperty("criticalError").GetBoolean().ShouldBeTrue();
        nodes.Single(n => n.GetProperty("id").GetString() == "i1").GetProperty("labResults")[0].GetProperty("value").GetString().ShouldBe("2.6");
        ModuleOf(content, "Page").GetProperty("html").GetString()!.ShouldContain("<table>");
        var question = ModuleOf(content, "Quiz").GetProperty("quiz").GetProperty("questions")[0];
        question.GetProperty("options").EnumerateArray().Where(o => o.GetProperty("isCorrect").GetBoolean())
            .Select(o => o.GetProperty("text").GetString()).ShouldBe(["< 3.9 mmol/L"]);
        question.GetProperty("explanation").GetString()!.ShouldContain("3.9");

        var gp = await api.SignedInClientAsync(Demo.Gp);
        var byLearner = await gp.GetAsync(version);
        byLearner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await byLearner.Content.ReadAsStringAsync()).ShouldNotContain("isCorrect");
    }

    [Fact]
    public async Task RequestChanges_CanNameANode_TheAuthorSeesWhichOne_AndANodeNotInTheCaseIsRefused()
    {
        var version = await SubmittedVersionAsync("CARD-CP-01");
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var scenario = ModuleOf(await admin.GetFromJsonAsync<JsonElement>(version), "Scenario").GetProperty("id").GetGuid();

        var unknown = await admin.PostAsJsonAsync($"{version}/request-changes",
            new { comments = new[] { new { moduleId = scenario, nodeId = "nowhere", text = "？" } } });
        var sent = await admin.PostAsJsonAsync($"{version}/request-changes",
            new { comments = new[] { new { moduleId = scenario, nodeId = "d2", text = "硝酸甘油的禁忌也应说明。" } } });

        unknown.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("review.node-unknown");
        sent.StatusCode.ShouldBe(HttpStatusCode.NoContent, await sent.Content.ReadAsStringAsync());
        var author = await api.SignedInClientAsync(Demo.Author);
        var comment = (await author.GetFromJsonAsync<JsonElement>(version)).GetProperty("reviewComments").EnumerateArray().Single();
        comment.GetProperty("moduleId").GetGuid().ShouldBe(scenario);
        comment.GetProperty("nodeId").GetString().ShouldBe("d2");
    }
}
