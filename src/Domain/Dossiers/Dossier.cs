using System.Diagnostics.CodeAnalysis;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Domain.Dossiers;

/// <summary>
/// The fields of a dossier that the API takes when it is opened and in a PATCH; only the name is required. A new field
/// is declared here once; the commands, the state, the columns and the edit follow from it.
/// </summary>
public record DossierFields
{
    [DisallowNull] public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Role { get; init; }
    public string? ContactPerson { get; init; }
    [System.ComponentModel.Description("In the currency's main unit (euros, not cents), at most 2 decimal places. Sales dossiers only.")]
    public decimal? DealSize { get; init; }
    public string? DealCurrency { get; init; }
    public string? IntakeNotes { get; init; }
    public Guid? AssignedTo { get; init; }
}

/// <summary>A dossier as it is stored: its checked fields and what its rules keep beside them (one row of <c>dossiers</c>).</summary>
public sealed record DossierState : DossierFields
{
    public DossierState() { }

    public DossierState(DossierFields fields) : base(fields) { }

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public DossierType Type { get; init; }
    public DossierStatus Status { get; init; }
    public Guid FlowId { get; init; }
    public Guid CurrentStageId { get; init; }
    public DateTimeOffset StageEnteredAt { get; init; }

    /// <summary>When the dossier is due to leave its stage: entered + the stage's deadline_days; null without one.</summary>
    public DateTimeOffset? StageDeadlineAt { get; init; }

    public string? CvKey { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A partial update (SPEC §4 PATCH): the fields given, and a status or stage when given (neither can be null).</summary>
public sealed record DossierEdit
{
    public Patch<DossierFields> Fields { get; init; } = Patch<DossierFields>.None;
    public Optional<DossierStatus?> Status { get; init; }
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

    private Dossier(DossierState state) => State = state;

    public DossierState State { get; private set; }

    public Guid Id => State.Id;
    public Guid OrganizationId => State.OrganizationId;
    public DossierType Type => State.Type;
    public DossierStatus Status => State.Status;
    public Guid FlowId => State.FlowId;
    public Guid CurrentStageId => State.CurrentStageId;
    public Guid? AssignedTo => State.AssignedTo;
    public string? CvKey => State.CvKey;

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
        var checkedFields = Checked(fields, type);
        CheckAssignee(organizationId, checkedFields.AssignedTo, assignee);
        var dossier = new Dossier(new DossierState(checkedFields)
        {
            Id = Guid.CreateVersion7(now), OrganizationId = organizationId, Type = type, Status = DossierStatus.Active,
            FlowId = flow.Id, CurrentStageId = flow.FirstStage.Id, StageEnteredAt = now,
            StageDeadlineAt = Deadline(flow.FirstStage, now), CreatedAt = now, UpdatedAt = now,
        });
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

    public static Dossier Restore(DossierState state, IEnumerable<ContactLink> links)
    {
        var dossier = new Dossier(state);
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
        var next = Fields<DossierFields>.Onto(State with { }, Checked(edit.Fields.ApplyTo(State), Type));
        if (next.AssignedTo != AssignedTo)
            CheckAssignee(OrganizationId, next.AssignedTo, assignee);
        if (edit.Status.HasValue)
            next = next with { Status = edit.Status.Value ?? throw DomainException.Invalid(nameof(Status), "cannot be null.") };
        if (edit.CurrentStageId.HasValue)
        {
            var stageId = edit.CurrentStageId.Value ?? throw DomainException.Invalid(nameof(CurrentStageId), "cannot be null.");
            if (stageId != CurrentStageId)
            {
                if (flow is null || flow.Id != FlowId)
                    throw new InvalidOperationException("Moving a dossier to another stage needs the dossier's own flow.");
                var stage = flow.Stages.FirstOrDefault(s => s.Id == stageId)
                            ?? throw DomainException.Invalid(nameof(CurrentStageId), "is not a stage of this dossier's flow.");
                next = next with { CurrentStageId = stageId, StageEnteredAt = now, StageDeadlineAt = Deadline(stage, now) };
            }
        }

        var previous = Fields<DossierState>.Changes(State, next);
        if (previous.Count == 0)
            return false;
        State = next with { UpdatedAt = now };
        Raise(new DossierUpdated(OrganizationId, Id, previous, now));
        if (previous.TryGetValue(nameof(CurrentStageId), out var from))
            Raise(new DossierStageChanged(OrganizationId, Id, (Guid)from!, CurrentStageId, now));
        if (previous.ContainsKey(nameof(Status)) && Status == DossierStatus.Archived)
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
        State = State with { CvKey = CvStorageKey };
        if (PendingEvents.OfType<DossierCreated>().Any())
            return;
        State = State with { UpdatedAt = now };
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
        State = State with { UpdatedAt = now };
        Raise(new DossierUpdated(OrganizationId, Id,
            new Dictionary<string, object?>(StringComparer.Ordinal) { [nameof(PrimaryContactId)] = previousPrimary }, now));
    }

    /// <summary>
    /// Every field checked and in its canonical form: the one place a dossier field's rule is written (a field without
    /// a rule is kept as given). Whom <c>assigned_to</c> names is checked by the caller, which has the member.
    /// </summary>
    private static DossierFields Checked(DossierFields f, DossierType type) => f with
    {
        Name = Text.Required(f.Name, nameof(f.Name), Text.NameMax),
        Email = string.IsNullOrWhiteSpace(f.Email) ? null : EmailAddress.Parse(f.Email).Value,
        Phone = Text.Optional(f.Phone, nameof(f.Phone), Text.PhoneMax),
        Company = Text.Optional(f.Company, nameof(f.Company), Text.NameMax),
        Role = Text.Optional(f.Role, nameof(f.Role), Text.NameMax),
        ContactPerson = SalesOnly(type, Text.Optional(f.ContactPerson, nameof(f.ContactPerson), Text.NameMax), nameof(f.ContactPerson)),
        DealSize = SalesOnly(type, CheckDealSize(f.DealSize), nameof(f.DealSize)),
        DealCurrency = SalesOnly(type, CheckCurrency(f.DealCurrency), nameof(f.DealCurrency)),
        IntakeNotes = Text.OptionalMultiline(f.IntakeNotes, nameof(f.IntakeNotes), Text.NotesMax),
    };

    private static T? SalesOnly<T>(DossierType type, T? value, string member)
    {
        if (value is not null && type != DossierType.Sales)
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
        < 0 => throw DomainException.Invalid(nameof(DossierFields.DealSize), "cannot be negative."),
        > MaxDealSize => throw DomainException.Invalid(nameof(DossierFields.DealSize), $"must be at most {MaxDealSize}."),
        { } s when decimal.Round(s, 2) != s => throw DomainException.Invalid(nameof(DossierFields.DealSize), "has at most 2 decimal places."),
        { } s => s,
    };

    private static string? CheckCurrency(string? code)
    {
        var trimmed = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return Currencies.IsKnown(trimmed)
            ? trimmed
            : throw DomainException.Invalid(nameof(DossierFields.DealCurrency), $"must be an ISO 4217 currency code such as EUR; '{code}' is not one.");
    }

    private static string Lower(DossierType type) => type.ToString().ToLowerInvariant();
}
