using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>GET /contacts/:id, with its dossier_count.</summary>
public sealed record GetContact(Guid OrganizationId, Guid ContactId) : IRequest<ContactDetails>;

internal sealed class GetContactHandler(IDbSession session) : IRequestHandler<GetContact, ContactDetails>
{
    public async Task<ContactDetails> Handle(GetContact query, CancellationToken ct)
    {
        const string sql = $"SELECT {ContactDetails.Columns}\nFROM contacts c WHERE c.org_id = @OrganizationId AND c.id = @ContactId";
        return await session.Connection.QuerySingleOrDefaultAsync<ContactDetails>(
                   new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct))
               ?? throw new NotFoundException("Contact");
    }
}
