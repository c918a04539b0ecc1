extern alias web;
using System.Net;
using Microsoft.AspNetCore.Http;
using web::Cme.Web.Api;

namespace Cme.Web.Tests;

/// <summary>The Web tells the API whose request it passes on: the browser's address, never what the browser claims.</summary>
public sealed class ForwardedForHandlerTests
{
    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Seen { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task AnApiCall_NamesTheBrowsersAddress_AndDropsTheOneTheBrowserSent()
    {
        var browser = new DefaultHttpContext();
        browser.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:203.0.113.5");
        var capture = new Capture();
        using var client = new HttpClient(new ForwardedForHandler(new HttpContextAccessor { HttpContext = browser }) { InnerHandler = capture });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://api.test/api/v1/auth/login");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.66");

        await client.SendAsync(request);

        capture.Seen!.Headers.GetValues("X-Forwarded-For").ShouldBe(["203.0.113.5"]);
    }
}
