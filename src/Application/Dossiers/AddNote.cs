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
