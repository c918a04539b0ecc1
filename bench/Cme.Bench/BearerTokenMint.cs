using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Cme.Bench;

/// <summary>
/// Issues the bench learners' bearer tokens as the API's sign-in would, without spending a password
/// hash on each (about 0.1-0.2 s of CPU per learner here, minutes for 2,000): it reads a token the API
/// issued to one learner, with the API's data-protection key ring, and writes the same ticket with
/// the next learner's personal values. It is trusted only after a token minted for a second learner
/// carries exactly the claims of the token the API issued to that learner; the caller also has one
/// minted token accepted by the API before the burst. The check-in path validates these tokens
/// exactly as it validates issued ones.
/// </summary>
public sealed class BearerTokenMint
{
    // What ASP.NET Core's BearerTokenConfigureOptions protects access tokens with, for the scheme "Identity.Bearer".
    private static readonly string[] Purposes = ["Microsoft.AspNetCore.Authentication.BearerToken", "Identity.Bearer", "BearerToken"];

    private readonly TicketDataFormat _format;
    private readonly AuthenticationTicket _template;
    private readonly BenchLearner _templateLearner;

    private BearerTokenMint(TicketDataFormat format, AuthenticationTicket template, BenchLearner templateLearner) =>
        (_format, _template, _templateLearner) = (format, template, templateLearner);

    /// <summary>A mint, or why there is none (then the caller signs everyone in through the API).</summary>
    public static (BearerTokenMint? Mint, string? Problem) TryCreate(string keysDirectory, string apiContentRoot,
        (BenchLearner Learner, string Token) first, (BenchLearner Learner, string Token) second)
    {
        // The API's data-protection discriminator is its content root path.
        foreach (var discriminator in new[] { apiContentRoot, apiContentRoot.TrimEnd('/') + "/", apiContentRoot.TrimEnd('/') }.Distinct())
        {
            var provider = DataProtectionProvider.Create(new DirectoryInfo(keysDirectory), b => b.SetApplicationName(discriminator));
            var format = new TicketDataFormat(provider.CreateProtector(Purposes[0], Purposes[1..]));
            var template = format.Unprotect(first.Token);
            var reference = format.Unprotect(second.Token);
            if (template is null || reference is null)
                continue;
            var mint = new BearerTokenMint(format, template, first.Learner);
            var minted = format.Unprotect(mint.Issue(second.Learner));
            var expected = Claims(reference.Principal);
            var actual = minted is null ? [] : Claims(minted.Principal);
            return expected.SequenceEqual(actual)
                ? (mint, null)
                : (null, "a minted token's claims differ from the issued one's: " +
                         string.Join(", ", expected.Except(actual).Concat(actual.Except(expected)).Select(c => c.Type)));
        }
        return (null, $"the API's key ring in {keysDirectory} does not open its tokens");
    }

    public string Issue(BenchLearner learner)
    {
        var swap = _templateLearner.PersonalValues.Zip(learner.PersonalValues).ToDictionary(p => p.First, p => p.Second);
        var principal = new ClaimsPrincipal(_template.Principal.Identities.Select(identity => new ClaimsIdentity(
            identity.Claims.Select(c => new Claim(c.Type, swap.GetValueOrDefault(c.Value, c.Value), c.ValueType, c.Issuer, c.OriginalIssuer)),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType)));
        var properties = new AuthenticationProperties(new Dictionary<string, string?>(_template.Properties.Items));
        return _format.Protect(new AuthenticationTicket(principal, properties, _template.AuthenticationScheme));
    }

    private static List<(string Type, string Value)> Claims(ClaimsPrincipal principal) =>
        principal.Identities.SelectMany(i => i.Claims.Select(c => (c.Type, c.Value))).Order().ToList();
}
