namespace LeadGrid.Domain.Contacts;

/// <summary>What a contact is to the organization; a contact can be several at once (SPEC §5).</summary>
[System.ComponentModel.Description("What a contact is to the organization; a contact may be several.")]
public enum ContactKind
{
    Candidate,
    Prospect,
    Client,
    Supplier,
    Partner,
}

public static class ContactKinds
{
    /// <summary>A contact's set of kinds: each once, in the canonical order.</summary>
    public static IReadOnlyList<ContactKind> Normalize(IEnumerable<ContactKind>? kinds) => (kinds ?? []).Distinct().Order().ToArray();
}
