namespace Cme.Testing;

/// <summary>The demo accounts seeded into every test database.</summary>
public static class Demo
{
    public const string Gp = "gp@demo.cme";
    public const string Author = "author@demo.cme";
    public const string Trainer = "trainer@demo.cme";
    public const string CmeAdmin = "cmeadmin@demo.cme";
    public const string InstitutionAdmin = "instadmin@demo.cme";
    public const string GpInstitutionCode = "CHSC-FC";
}
