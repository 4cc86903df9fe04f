using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>
/// POST /dossiers. Without flow_id, the organization's default flow for the type; the dossier starts in its first
/// stage. The primary contact is contact_id, or found by email (any case) or created from the dossier's fields;
/// creating a dossier never answers 409. With a CV (multipart), the dossier, its contact, its CV and its event are
/// one unit: if storing the CV fails, nothing remains.
/// </summary>
public sealed record CreateDossier : DossierFields, ICommand<DossierDetails>
{
    public DossierType? Type { get; init; }
    public Guid? ContactId { get; init; }
    public Guid? FlowId { get; init; }

    [SetByServer] public Guid OrganizationId { get; init; }

    /// <summary>The CV that came with a multipart create, if any.</summary>
    [SetByServer] public CvDocument? Cv { get; init; }
}

internal sealed class CreateDossierHandler(IDossierRepository dossiers, IFlowRepository flows, IContactRepository contacts,
    IOrganizationRepository organizations, IFileStorage storage, IDbSession session, TimeProvider clock)
    : IRequestHandler<CreateDossier, DossierDetails>
{
    /// <summary>The dossier as created: the answer and the dossier.created payload are the same state, nothing is read back.</summary>
    public async Task<DossierDetails> Handle(CreateDossier c, CancellationToken ct)
    {
        var org = c.OrganizationId;
        var now = clock.GetUtcNow();
        var type = c.Type ?? throw DomainException.Invalid(nameof(c.Type), "is required.");
        var flow = c.FlowId is { } flowId
            ? await flows.GetAsync(org, flowId, ct) ?? throw DomainException.Invalid(nameof(c.FlowId), "is not a flow of this organization.")
            : await flows.GetDefaultAsync(org, type, ct) ?? throw new InvalidOperationException($"Organization {org} has no default {type.ToName()} flow.");
        var assignee = c.AssignedTo is { } memberId ? await organizations.GetMemberAsync(org, memberId, ct) : null;
        var dossier = Dossier.Open(org, type, c, flow, assignee, primaryContactId: null, now);
        if (await PrimaryContactAsync(c, dossier, now, ct) is { } primary)
            dossier.StartWithPrimaryContact(primary, now);
        if (c.Cv is { } cv)
        {
            dossier.AttachCv(now);
            session.Enlist(await storage.StageAsync(dossier.CvStorageKey, cv.Content, ct));
        }
        await dossiers.AddAsync(dossier, ct);
        return DossierDetails.From(dossier);
    }

    /// <summary>The given contact, or the one with the dossier's email, or a new one made from its (checked) fields.</summary>
    private async Task<Guid?> PrimaryContactAsync(CreateDossier c, Dossier dossier, DateTimeOffset now, CancellationToken ct)
    {
        if (c.ContactId is { } contactId)
            return await contacts.ExistsAsync(c.OrganizationId, contactId, ct)
                ? contactId
                : throw DomainException.Invalid(nameof(c.ContactId), "is not a contact of this organization.");

        var (d, email) = (dossier.State, dossier.State.Email);
        if (d.Type == DossierType.Sales && d.ContactPerson is null && email is null)
            return null; // a sales dossier with neither contact_person nor email gets no contact

        var contact = Contact.Create(c.OrganizationId, new ContactFields
        {
            FullName = (d.Type == DossierType.Candidate ? d.Name : d.ContactPerson ?? email)!, // a dossier's name is set; a sales one's person or email (above)
            Email = email, Phone = d.Phone, Company = d.Company, Role = d.Role,
            Kind = [dossier.Type == DossierType.Candidate ? ContactKind.Candidate : ContactKind.Prospect],
        }, now);
        return await contacts.AddOrFindByEmailAsync(contact, ct);
    }
}
