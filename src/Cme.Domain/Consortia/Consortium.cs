using Cme.Domain.Common;

namespace Cme.Domain.Consortia;

/// <summary>A medical consortium: one lead tertiary hospital and its member institutions.</summary>
public sealed class Consortium : Entity
{
    public const int NameMaxLength = 200;

    private Consortium() { }

    public Consortium(string name, string nameEn)
    {
        Name = Guard.Required(name, "name", NameMaxLength);
        NameEn = Guard.Required(nameEn, "nameEn", NameMaxLength);
    }

    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";

    /// <summary>The credit policy the consortium reports against (a policy code, e.g. CN-2024).</summary>
    public string ActivePolicyCode { get; private set; } = Credits.PolicyPresets.China2024;

    public void ChooseActivePolicy(string policyCode) => ActivePolicyCode = Guard.Required(policyCode, "policy", 32);
}
