namespace Cme.Domain.Institutions;

/// <summary>The tier of a Chinese health institution.</summary>
public enum InstitutionTier
{
    /// <summary>三级医院</summary>
    Tertiary,
    /// <summary>二级医院</summary>
    Secondary,
    /// <summary>社区卫生服务中心 (primary care / CHSC)</summary>
    Primary,
    /// <summary>乡镇卫生院</summary>
    Township,
}
