using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>GET /contacts/:id, with its dossier_count.</summary>
public sealed record GetContact(Guid OrganizationId, Guid ContactId) : IRequest<ContactDetails>;

internal sealed class GetContactHandler(IDbSession session) : IRequestHandler<GetContact, ContactDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<ContactDetails>.SelectList}\nFROM {RowColumns<ContactDetails>.From} WHERE c.org_id = @OrganizationId AND c.id = @ContactId";

    public async Task<ContactDetails> Handle(GetContact query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<ContactDetails>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException("Contact");
}
