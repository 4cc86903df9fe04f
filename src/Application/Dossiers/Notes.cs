using Ardalis.Specification;
using Dapper;
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
        return new NoteDetails { Id = note.Id, DossierId = note.DossierId, Content = note.Content, IsInternal = note.IsInternal, CreatedAt = note.CreatedAt };
    }
}

/// <summary>GET /dossiers/:id/notes: oldest first; paginated.</summary>
public sealed record ListNotes(Guid OrganizationId, Guid DossierId, PageRequest Page) : IRequest<Paged<NoteDetails>>;

/// <summary>A dossier's notes, oldest first.</summary>
public sealed class NoteListSpec : Specification<NoteDetails>
{
    public NoteListSpec(Guid organizationId, Guid dossierId, PageRequest page)
    {
        Query.Where(n => n.OrganizationId == organizationId && n.DossierId == dossierId);
        Query.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Page(page);
    }
}

internal sealed class ListNotesHandler(IListReader reader) : IRequestHandler<ListNotes, Paged<NoteDetails>>
{
    public Task<Paged<NoteDetails>> Handle(ListNotes query, CancellationToken ct) =>
        reader.PageAsync(new NoteListSpec(query.OrganizationId, query.DossierId, query.Page), query.Page, ct,
            DossierOfOrganizationSpec.Required(query.OrganizationId, query.DossierId));
}

internal static class NoteQueries
{
    private static readonly string Sql =
        $"SELECT {RowColumns<NoteDetails>.SelectList}\nFROM {RowColumns<NoteDetails>.From} WHERE n.org_id = @organizationId AND n.id = @noteId";

    public static Task<NoteDetails?> FindAsync(IDbSession session, Guid organizationId, Guid noteId, CancellationToken ct) =>
        session.Connection.QuerySingleOrDefaultAsync<NoteDetails?>(new CommandDefinition(Sql, new { organizationId, noteId },
            session.Transaction, cancellationToken: ct));
}
