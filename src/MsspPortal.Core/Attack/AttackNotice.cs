namespace MsspPortal.Core.Attack;

/// <summary>MITRE's licence requires this notice wherever ATT&amp;CK content is shown or shipped.</summary>
public static class AttackNotice
{
    public const string Text = "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.";

    public const string Version = "ATT&CK v18.1 Enterprise";
}
