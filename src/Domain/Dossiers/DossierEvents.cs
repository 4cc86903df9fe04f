using MediatR;

namespace LeadGrid.Domain.Dossiers;

/// <summary>A dossier was opened (webhook dossier.created).</summary>
public sealed record DossierCreated(Guid OrganizationId, Guid DossierId, Guid StageId, DateTimeOffset At) : INotification;

/// <summary>
/// A dossier's representation changed (webhook dossier.updated). <see cref="Previous"/> holds, by API field name, the
/// value each changed field had before; one event per change, however many fields it touched.
/// </summary>
public sealed record DossierUpdated(Guid OrganizationId, Guid DossierId, IReadOnlyDictionary<string, object?> Previous,
    DateTimeOffset At) : INotification;

/// <summary>A dossier moved from one stage of its flow to another (webhook dossier.stage_changed; stage history).</summary>
public sealed record DossierStageChanged(Guid OrganizationId, Guid DossierId, Guid FromStageId, Guid ToStageId,
    DateTimeOffset At) : INotification;

/// <summary>A dossier's status became archived (webhook dossier.deleted); its data is kept.</summary>
public sealed record DossierArchived(Guid OrganizationId, Guid DossierId, DateTimeOffset At) : INotification;

/// <summary>A note was added to a dossier (webhook note.created).</summary>
public sealed record NoteCreated(Guid OrganizationId, Guid DossierId, Guid NoteId, DateTimeOffset At) : INotification;
