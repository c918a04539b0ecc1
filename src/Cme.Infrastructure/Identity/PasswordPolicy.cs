using Cme.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Cme.Infrastructure.Identity;

/// <summary>
/// The password rules of NIST SP 800-63B (5.1.1.2): at least <see cref="MinLength"/> characters, up to
/// <see cref="MaxLength"/>, any characters, no composition rules; refused when it is on the list of
/// common passwords shipped with the project (CommonPasswords.txt, see docs/operations.md for its
/// source) or is the account's own e-mail. Every account's password passes here: creation, change, reset.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public const string TooShort = "password.too-short";
    public const string TooLong = "password.too-long";
    public const string Common = "password.common";
    public const string SameAsEmail = "password.same-as-email";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Check(password, user.Email) is { } code
            ? IdentityResult.Failed(new IdentityError { Code = code, Description = code })
            : IdentityResult.Success);

    /// <summary>The reason code a password is refused for, or null when it is acceptable.</summary>
    public static string? Check(string? password, string? email)
    {
        password ??= "";
        // Length in characters as a person counts them (a Chinese character or an emoji is one).
        var length = new System.Globalization.StringInfo(password).LengthInTextElements;
        if (length < MinLength)
            return TooShort;
        if (length > MaxLength)
            return TooLong;
        if (!string.IsNullOrEmpty(email) && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            return SameAsEmail;
        if (CommonPasswords.Value.Contains(password) || CommonPasswords.Value.Contains(password.Trim()))
            return Common;
        return null;
    }

    /// <summary>An Identity error as a reason with its values: ours carry the limits, Identity's own keep their code.</summary>
    public static Reason ReasonOf(IdentityError error) => error.Code switch
    {
        TooShort => Reason.Of(TooShort, new { min = MinLength }),
        TooLong => Reason.Of(TooLong, new { max = MaxLength }),
        Common or SameAsEmail => Reason.Of(error.Code),
        _ => Reason.Of($"identity.{error.Code}"),
    };

    private static HashSet<string> Load()
    {
        var assembly = typeof(PasswordPolicy).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("CommonPasswords.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            // Only entries long enough to pass the length rule can ever match.
            if (line.Length >= MinLength)
                set.Add(line);
        }
        return set;
    }
}
