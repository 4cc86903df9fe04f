using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>POST /dossiers/:id/notes: content required; internal unless is_internal is false. Emits note.created.</summary>
public sealed record AddNote(string? Content, bool? IsInternal = null) : ICommand<NoteDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid DossierId { get; init; }
}

internal sealed class AddNoteHandler(IDossierRepository dossiers, INoteRepository notes, TimeProvider clock)
    : IRequestHandler<AddNote, NoteDetails>
{
    public async Task<NoteDetails> Handle(AddNote c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        var note = Note.Add(dossier, c.Content, c.IsInternal, clock.GetUtcNow());
        await notes.AddAsync(note, ct);
        return NoteDetails.From(note);
    }
}

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
