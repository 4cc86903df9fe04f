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
        return new NoteDetails(note.Id, note.DossierId, note.Content, note.IsInternal, note.CreatedAt);
    }
}

/// <summary>GET /dossiers/:id/notes: oldest first; paginated.</summary>
public sealed record ListNotes(Guid OrganizationId, Guid DossierId, PageRequest Page) : IRequest<Paged<NoteDetails>>;

internal sealed class ListNotesHandler(IDbSession session) : IRequestHandler<ListNotes, Paged<NoteDetails>>
{
    public async Task<Paged<NoteDetails>> Handle(ListNotes query, CancellationToken ct)
    {
        var spec = new SqlSpec("n.created_at", "n.id")
            .Where("n.org_id = @org AND n.dossier_id = @dossier", new { org = query.OrganizationId, dossier = query.DossierId })
            .OrderBy("n.created_at").OrderBy("n.id")
            .Page(query.Page);
        return await session.QueryPageAsync<NoteDetails>(spec, """
            SELECT n.id, n.dossier_id AS DossierId, n.content, n.is_internal AS IsInternal, n.created_at AS CreatedAt
            FROM notes n
            """, "FROM notes n", ct, DossierQueries.MustExist);
    }
}

internal static class NoteQueries
{
    public static Task<NoteDetails?> FindAsync(IDbSession session, Guid organizationId, Guid noteId, CancellationToken ct) =>
        session.Connection.QuerySingleOrDefaultAsync<NoteDetails?>(new CommandDefinition("""
            SELECT n.id, n.dossier_id AS DossierId, n.content, n.is_internal AS IsInternal, n.created_at AS CreatedAt
            FROM notes n WHERE n.org_id = @organizationId AND n.id = @noteId
            """, new { organizationId, noteId }, session.Transaction, cancellationToken: ct));
}
