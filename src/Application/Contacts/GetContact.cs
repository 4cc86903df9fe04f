using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>GET /contacts/:id, with its dossier_count.</summary>
public sealed record GetContact(Guid OrganizationId, Guid ContactId) : IRequest<ContactDetails>;

internal sealed class GetContactHandler(IDbSession session) : IRequestHandler<GetContact, ContactDetails>
{
    public async Task<ContactDetails> Handle(GetContact query, CancellationToken ct) =>
        await session.GetAsync<ContactDetails>(query.OrganizationId, query.ContactId, "Contact", ct);
}
