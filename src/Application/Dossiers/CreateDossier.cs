using System.Text.Json.Serialization;
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
public sealed record CreateDossier(string? Type, string? Name, string? Email = null, string? Phone = null,
    string? Company = null, string? Role = null, Guid? ContactId = null, Guid? FlowId = null, Guid? AssignedTo = null,
    string? IntakeNotes = null, string? ContactPerson = null, decimal? DealSize = null, string? DealCurrency = null)
    : ICommand<Guid>
{
    [JsonIgnore] public Guid OrganizationId { get; init; }

    /// <summary>The CV that came with a multipart create, if any.</summary>
    [JsonIgnore] public CvDocument? Cv { get; init; }
}

internal sealed class CreateDossierHandler(IDossierRepository dossiers, IFlowRepository flows, IContactRepository contacts,
    IOrganizationRepository organizations, IFileStorage storage, IDbSession session, TimeProvider clock)
    : IRequestHandler<CreateDossier, Guid>
{
    public async Task<Guid> Handle(CreateDossier c, CancellationToken ct)
    {
        var org = c.OrganizationId;
        var now = clock.GetUtcNow();
        var type = DossierTypes.Parse(c.Type);
        var flow = c.FlowId is { } flowId
            ? await flows.GetAsync(org, flowId, ct) ?? throw DomainException.Invalid("'flow_id' is not a flow of this organization.")
            : await flows.GetDefaultAsync(org, type, ct) ?? throw new InvalidOperationException($"Organization {org} has no default {type.ToName()} flow.");
        var assignee = c.AssignedTo is { } memberId ? await organizations.GetMemberAsync(org, memberId, ct) : null;
        var fields = new DossierFields(c.Name, c.Email, c.Phone, c.Company, c.Role, c.ContactPerson, c.DealSize, c.DealCurrency,
            c.IntakeNotes, c.AssignedTo);

        var dossier = Dossier.Open(org, type, fields, flow, assignee, await PrimaryContactAsync(c, type, now, ct), now);
        if (c.Cv is { } cv)
        {
            dossier.AttachCv(now);
            session.Enlist(await storage.StageAsync(dossier.CvStorageKey, cv.Content, ct));
        }
        await dossiers.AddAsync(dossier, ct);
        return dossier.Id;
    }

    private async Task<Guid?> PrimaryContactAsync(CreateDossier c, DossierType type, DateTimeOffset now, CancellationToken ct)
    {
        if (c.ContactId is { } contactId)
            return await contacts.ExistsAsync(c.OrganizationId, contactId, ct)
                ? contactId
                : throw DomainException.Invalid("'contact_id' is not a contact of this organization.");

        var hasEmail = !string.IsNullOrWhiteSpace(c.Email);
        if (type == DossierType.Sales && string.IsNullOrWhiteSpace(c.ContactPerson) && !hasEmail)
            return null; // a sales dossier with neither contact_person nor email gets no contact

        var contact = Contact.Create(c.OrganizationId, new ContactFields(
            FullName: type == DossierType.Candidate ? c.Name : string.IsNullOrWhiteSpace(c.ContactPerson) ? c.Email : c.ContactPerson,
            Email: c.Email, Phone: c.Phone, LinkedinUrl: null, Company: c.Company, Role: c.Role, City: null,
            Kind: [type == DossierType.Candidate ? "candidate" : "prospect"], Notes: null, PoolUntil: null), now);
        return await contacts.AddOrFindByEmailAsync(contact, ct);
    }
}
