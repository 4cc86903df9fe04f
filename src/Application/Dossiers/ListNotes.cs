using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>GET /dossiers/:id/notes: oldest first; paginated.</summary>
public sealed record ListNotes(Guid OrganizationId, Guid DossierId, PageRequest Page) : IRequest<Paged<NoteDetails>>
{
    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'n';
}

/// <summary>A dossier's notes, oldest first.</summary>
public sealed class NoteListSpec : Specification<NoteDetails>
{
    public NoteListSpec(Guid organizationId, Guid dossierId, PageRequest page)
    {
        Query.Where(n => n.OrganizationId == organizationId && n.DossierId == dossierId);
        Query.InCreationOrder(page, ListNotes.Listing, newestFirst: false);
    }
}

internal sealed class ListNotesHandler(IListReader reader) : IRequestHandler<ListNotes, Paged<NoteDetails>>
{
    public Task<Paged<NoteDetails>> Handle(ListNotes query, CancellationToken ct) =>
        reader.KeysetPageAsync(new NoteListSpec(query.OrganizationId, query.DossierId, query.Page), query.Page, ListNotes.Listing, ct,
            DossierOfOrganizationSpec.Required(query.OrganizationId, query.DossierId));
}
