using LeadGrid.Domain.Common;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Domain.Dossiers;

/// <summary>The fields of a dossier as given when it is opened; only the name is required.</summary>
public sealed record DossierFields(string? Name, string? Email = null, string? Phone = null, string? Company = null,
    string? Role = null, string? ContactPerson = null, decimal? DealSize = null, string? DealCurrency = null,
    string? IntakeNotes = null, Guid? AssignedTo = null);

/// <summary>A partial update (SPEC §4 PATCH): each field absent (keep) or present (null clears an optional field).</summary>
public sealed record DossierEdit
{
    public Optional<string?> Name { get; init; }
    public Optional<string?> Email { get; init; }
    public Optional<string?> Phone { get; init; }
    public Optional<string?> Company { get; init; }
    public Optional<string?> Role { get; init; }
    public Optional<string?> ContactPerson { get; init; }
    public Optional<decimal?> DealSize { get; init; }
    public Optional<string?> DealCurrency { get; init; }
    public Optional<DossierStatus?> Status { get; init; }
    public Optional<Guid?> AssignedTo { get; init; }
    public Optional<string?> IntakeNotes { get; init; }
    public Optional<Guid?> CurrentStageId { get; init; }
}

public enum LinkOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// A candidate in hiring or a deal in sales, moving through the stages of one flow. Every change goes through a
/// method that checks the rules and raises the events the webhooks are made from: a change raises one
/// <see cref="DossierUpdated"/> carrying the previous value of each changed field, plus <see cref="DossierStageChanged"/>
/// when the stage moved and <see cref="DossierArchived"/> when it became archived. Setting a value it already has
/// raises nothing. The contacts linked to it are part of it, so "one primary contact" is its rule.
/// </summary>
public sealed class Dossier : AggregateRoot
{
    public const decimal MaxDealSize = 9_999_999_999_999.99m;

    private readonly List<ContactLink> _links = [];

    private Dossier(Guid id, Guid organizationId, DossierType type, DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        Type = type;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        Name = "";
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public DossierType Type { get; }
    public string Name { get; private set; }
    public EmailAddress? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Company { get; private set; }
    public string? Role { get; private set; }
    public string? ContactPerson { get; private set; }
    public decimal? DealSize { get; private set; }
    public string? DealCurrency { get; private set; }
    public DossierStatus Status { get; private set; }
    public Guid FlowId { get; private set; }
    public Guid CurrentStageId { get; private set; }
    public DateTimeOffset StageEnteredAt { get; private set; }

    /// <summary>When the dossier is due to leave its stage: entered + the stage's deadline_days; null without one.</summary>
    public DateTimeOffset? StageDeadlineAt { get; private set; }

    public Guid? AssignedTo { get; private set; }
    public string? IntakeNotes { get; private set; }
    public string? CvKey { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Linked contacts, in the order they were linked.</summary>
    public IReadOnlyList<ContactLink> Links => _links;

    public Guid? PrimaryContactId => _links.FirstOrDefault(l => l.IsPrimary)?.ContactId;

    /// <summary>
    /// Opens a dossier in the first stage of <paramref name="flow"/>, which must be the organization's and of the
    /// dossier's type. <paramref name="assignee"/> is the member that <c>assigned_to</c> names, as found in the
    /// organization (null when it names nobody there).
    /// </summary>
    public static Dossier Open(Guid organizationId, DossierType type, DossierFields fields, Flow flow, Member? assignee,
        Guid? primaryContactId, DateTimeOffset now)
    {
        CheckFlow(organizationId, type, flow);
        var dossier = new Dossier(Guid.CreateVersion7(now), organizationId, type, now)
        {
            Name = Text.Required(fields.Name, nameof(Name), Text.NameMax),
            Email = ParseEmail(fields.Email),
            Phone = Text.Optional(fields.Phone, nameof(Phone), Text.PhoneMax),
            Company = Text.Optional(fields.Company, nameof(Company), Text.NameMax),
            Role = Text.Optional(fields.Role, nameof(Role), Text.NameMax),
            IntakeNotes = Text.OptionalMultiline(fields.IntakeNotes, nameof(IntakeNotes), Text.NotesMax),
            Status = DossierStatus.Active,
            FlowId = flow.Id,
            CurrentStageId = flow.FirstStage.Id,
            StageEnteredAt = now,
            StageDeadlineAt = Deadline(flow.FirstStage, now),
            AssignedTo = CheckAssignee(organizationId, fields.AssignedTo, assignee),
        };
        dossier.ContactPerson = dossier.SalesOnly(Text.Optional(fields.ContactPerson, nameof(ContactPerson), Text.NameMax), nameof(ContactPerson));
        dossier.DealSize = dossier.SalesOnly(CheckDealSize(fields.DealSize), nameof(DealSize));
        dossier.DealCurrency = dossier.SalesOnly(CheckCurrency(fields.DealCurrency), nameof(DealCurrency));
        if (primaryContactId is { } contactId)
            dossier._links.Add(new ContactLink(contactId, ContactRole.Primary, IsPrimary: true, now));
        dossier.Raise(new DossierCreated(organizationId, dossier.Id, dossier.CurrentStageId, now));
        return dossier;
    }

    /// <summary>
    /// The primary contact of a dossier just opened, before it is first stored: found or created from the dossier's own
    /// checked fields, so it is chosen after they passed. No event: the creation's event carries it.
    /// </summary>
    public void StartWithPrimaryContact(Guid contactId, DateTimeOffset now)
    {
        if (_links.Count > 0)
            throw new InvalidOperationException("The dossier already has contacts; link them with LinkContact.");
        _links.Add(new ContactLink(contactId, ContactRole.Primary, IsPrimary: true, now));
    }

    public static Dossier Restore(Guid id, Guid organizationId, DossierType type, string name, string? email, string? phone,
        string? company, string? role, string? contactPerson, decimal? dealSize, string? dealCurrency, DossierStatus status,
        Guid flowId, Guid currentStageId, DateTimeOffset stageEnteredAt, DateTimeOffset? stageDeadlineAt, Guid? assignedTo,
        string? intakeNotes, string? cvKey,
        IEnumerable<ContactLink> links, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var dossier = new Dossier(id, organizationId, type, createdAt)
        {
            Name = name, Email = email is null ? null : EmailAddress.Parse(email), Phone = phone, Company = company,
            Role = role, ContactPerson = contactPerson, DealSize = dealSize, DealCurrency = dealCurrency, Status = status,
            FlowId = flowId, CurrentStageId = currentStageId, StageEnteredAt = stageEnteredAt,
            StageDeadlineAt = stageDeadlineAt, AssignedTo = assignedTo,
            IntakeNotes = intakeNotes, CvKey = cvKey, UpdatedAt = updatedAt,
        };
        dossier._links.AddRange(links.OrderBy(l => l.LinkedAt));
        return dossier;
    }

    /// <summary>
    /// Applies a partial update. <paramref name="flow"/> is the dossier's flow (needed when the stage changes);
    /// <paramref name="assignee"/> the member named by <c>assigned_to</c> when it names one.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Edit(DossierEdit edit, Flow? flow, Member? assignee, DateTimeOffset now)
    {
        var changes = new PendingChanges();
        changes.Set(edit.Name, v => Text.Required(v, nameof(Name), Text.NameMax), Name, v => Name = v!, nameof(Name));
        changes.Set(edit.Email, v => ParseEmail(v)?.Value, Email?.Value, v => Email = v is null ? null : EmailAddress.Parse(v), nameof(Email));
        changes.Set(edit.Phone, v => Text.Optional(v, nameof(Phone), Text.PhoneMax), Phone, v => Phone = v, nameof(Phone));
        changes.Set(edit.Company, v => Text.Optional(v, nameof(Company), Text.NameMax), Company, v => Company = v, nameof(Company));
        changes.Set(edit.Role, v => Text.Optional(v, nameof(Role), Text.NameMax), Role, v => Role = v, nameof(Role));
        changes.Set(edit.ContactPerson, v => SalesOnly(Text.Optional(v, nameof(ContactPerson), Text.NameMax), nameof(ContactPerson)),
            ContactPerson, v => ContactPerson = v, nameof(ContactPerson));
        changes.Set(edit.DealSize, v => SalesOnly(CheckDealSize(v), nameof(DealSize)), DealSize, v => DealSize = v, nameof(DealSize));
        changes.Set(edit.DealCurrency, v => SalesOnly(CheckCurrency(v), nameof(DealCurrency)), DealCurrency, v => DealCurrency = v, nameof(DealCurrency));
        changes.Set(edit.IntakeNotes, v => Text.OptionalMultiline(v, nameof(IntakeNotes), Text.NotesMax), IntakeNotes, v => IntakeNotes = v, nameof(IntakeNotes));
        changes.Set(edit.AssignedTo, v => CheckAssignee(OrganizationId, v, assignee), AssignedTo, v => AssignedTo = v, nameof(AssignedTo));

        var archived = false;
        if (edit.Status.HasValue)
        {
            var status = edit.Status.Value ?? throw DomainException.Invalid(nameof(Status), "cannot be null.");
            if (status != Status)
            {
                archived = status == DossierStatus.Archived;
                changes.Add(nameof(Status), Status, () => Status = status);
            }
        }

        Guid? movedFrom = null;
        if (edit.CurrentStageId.HasValue)
        {
            var stageId = edit.CurrentStageId.Value ?? throw DomainException.Invalid(nameof(CurrentStageId), "cannot be null.");
            if (stageId != CurrentStageId)
            {
                if (flow is null || flow.Id != FlowId)
                    throw new InvalidOperationException("Moving a dossier to another stage needs the dossier's own flow.");
                var stage = flow.Stages.FirstOrDefault(s => s.Id == stageId)
                            ?? throw DomainException.Invalid(nameof(CurrentStageId), "is not a stage of this dossier's flow.");
                movedFrom = CurrentStageId;
                changes.Add(nameof(CurrentStageId), CurrentStageId, () => CurrentStageId = stageId);
                changes.Add(nameof(StageEnteredAt), StageEnteredAt, () => StageEnteredAt = now);
                changes.Add(nameof(StageDeadlineAt), StageDeadlineAt, () => StageDeadlineAt = Deadline(stage, now));
            }
        }

        if (!changes.Apply())
            return false;
        UpdatedAt = now;
        Raise(new DossierUpdated(OrganizationId, Id, changes.Previous, now));
        if (movedFrom is { } from)
            Raise(new DossierStageChanged(OrganizationId, Id, from, CurrentStageId, now));
        if (archived)
            Raise(new DossierArchived(OrganizationId, Id, now));
        return true;
    }

    /// <summary>Sets the status to archived (a soft delete; data is kept, PATCHing the status restores it).</summary>
    /// <returns>Whether it changed: archiving an archived dossier changes nothing and raises nothing.</returns>
    public bool Archive(DateTimeOffset now) =>
        Edit(new DossierEdit { Status = DossierStatus.Archived }, null, null, now);

    /// <summary>Where this dossier's CV is stored: <c>&lt;org-id&gt;/dossiers/&lt;dossier-id&gt;/cv.pdf</c> (its cv_url).</summary>
    public string CvStorageKey => $"{OrganizationId}/dossiers/{Id}/cv.pdf";

    /// <summary>
    /// Records that a CV is (being) stored for the dossier; an upload replaces any earlier one and is a dossier.updated
    /// (SPEC §4). A CV that comes with the creation is part of it: dossier.created is the only event then.
    /// </summary>
    public void AttachCv(DateTimeOffset now)
    {
        var previous = CvKey;
        CvKey = CvStorageKey;
        if (PendingEvents.OfType<DossierCreated>().Any())
            return;
        UpdatedAt = now;
        Raise(new DossierUpdated(OrganizationId, Id, new Dictionary<string, object?>(StringComparer.Ordinal) { ["cv_url"] = previous }, now));
    }

    /// <summary>
    /// Links a contact, or changes the role and primary flag of a linked one. Making a contact primary demotes the
    /// previous primary in the same change, so a dossier never has two. A changed primary contact is a dossier.updated.
    /// </summary>
    public LinkOutcome LinkContact(Guid contactId, ContactRole role, bool isPrimary, DateTimeOffset now)
    {
        var previousPrimary = PrimaryContactId;
        var index = _links.FindIndex(l => l.ContactId == contactId);
        if (index >= 0 && _links[index].Role == role && _links[index].IsPrimary == isPrimary)
            return LinkOutcome.Unchanged;

        if (isPrimary)
            for (var i = 0; i < _links.Count; i++)
                if (_links[i].IsPrimary && _links[i].ContactId != contactId)
                    _links[i] = _links[i] with { IsPrimary = false };

        LinkOutcome outcome;
        if (index >= 0)
        {
            _links[index] = _links[index] with { Role = role, IsPrimary = isPrimary };
            outcome = LinkOutcome.Updated;
        }
        else
        {
            _links.Add(new ContactLink(contactId, role, isPrimary, now));
            outcome = LinkOutcome.Created;
        }
        PrimaryChanged(previousPrimary, now);
        return outcome;
    }

    /// <returns>Whether the contact was linked.</returns>
    public bool UnlinkContact(Guid contactId, DateTimeOffset now)
    {
        var previousPrimary = PrimaryContactId;
        if (_links.RemoveAll(l => l.ContactId == contactId) == 0)
            return false;
        PrimaryChanged(previousPrimary, now);
        return true;
    }

    private void PrimaryChanged(Guid? previousPrimary, DateTimeOffset now)
    {
        if (PrimaryContactId == previousPrimary) return;
        UpdatedAt = now;
        Raise(new DossierUpdated(OrganizationId, Id,
            new Dictionary<string, object?>(StringComparer.Ordinal) { [nameof(PrimaryContactId)] = previousPrimary }, now));
    }

    private T? SalesOnly<T>(T? value, string member)
    {
        if (value is not null && Type != DossierType.Sales)
            throw DomainException.Invalid(member, "is only for sales dossiers.");
        return value;
    }

    private static DateTimeOffset? Deadline(Stage stage, DateTimeOffset entered) =>
        stage.DeadlineDays is { } days ? entered.AddDays(days) : null;

    private static void CheckFlow(Guid organizationId, DossierType type, Flow flow)
    {
        if (flow.OrganizationId != organizationId)
            throw DomainException.Invalid(nameof(FlowId), "is not a flow of this organization.");
        if (flow.Type != type)
            throw DomainException.Invalid(nameof(FlowId), $"is a {Lower(flow.Type)} flow; this is a {Lower(type)} dossier.");
    }

    private static Guid? CheckAssignee(Guid organizationId, Guid? memberId, Member? assignee)
    {
        if (memberId is null) return null;
        if (assignee is null || assignee.Id != memberId || assignee.OrganizationId != organizationId)
            throw DomainException.Invalid(nameof(AssignedTo), "is not a member of this organization.");
        return memberId;
    }

    private static decimal? CheckDealSize(decimal? size) => size switch
    {
        null => null,
        < 0 => throw DomainException.Invalid(nameof(DealSize), "cannot be negative."),
        > MaxDealSize => throw DomainException.Invalid(nameof(DealSize), $"must be at most {MaxDealSize}."),
        { } s when decimal.Round(s, 2) != s => throw DomainException.Invalid(nameof(DealSize), "has at most 2 decimal places."),
        { } s => s,
    };

    private static string? CheckCurrency(string? code)
    {
        var trimmed = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return Currencies.IsKnown(trimmed)
            ? trimmed
            : throw DomainException.Invalid(nameof(DealCurrency), $"must be an ISO 4217 currency code such as EUR; '{code}' is not one.");
    }

    private static EmailAddress? ParseEmail(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : EmailAddress.Parse(raw);

    private static string Lower(DossierType type) => type.ToString().ToLowerInvariant();
}
