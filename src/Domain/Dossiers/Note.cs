using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Dossiers;

/// <summary>An entry on a dossier's timeline (SPEC §8); internal unless said otherwise.</summary>
public sealed class Note : AggregateRoot
{
    private Note(Guid id, Guid organizationId, Guid dossierId, string content, bool isInternal, DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        DossierId = dossierId;
        Content = content;
        IsInternal = isInternal;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public Guid DossierId { get; }
    public string Content { get; }
    public bool IsInternal { get; }
    public DateTimeOffset CreatedAt { get; }

    public static Note Add(Dossier dossier, string? content, bool? isInternal, DateTimeOffset now)
    {
        var note = new Note(Guid.CreateVersion7(now), dossier.OrganizationId, dossier.Id,
            Text.RequiredMultiline(content, nameof(Content), Text.NotesMax), isInternal ?? true, now);
        note.Raise(new NoteCreated(note.OrganizationId, note.DossierId, note.Id, now));
        return note;
    }
}
