using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>
/// GET /dossiers: filters type, status (repeatable: any of them; or <c>all</c>), stage_id, assigned_to, updated_since,
/// overdue; archived dossiers only when asked for by status; newest first; count and page in one round trip.
/// </summary>
public sealed record ListDossiers(Guid OrganizationId, string? Type, IReadOnlyList<string> Statuses, Guid? StageId, Guid? AssignedTo,
    DateTimeOffset? UpdatedSince, bool? Overdue, PageRequest Page) : IRequest<Paged<DossierDetails>>
{
    /// <summary><c>status=all</c>: every status, archived included (what a mirror syncing with updated_since asks for).</summary>
    public const string AllStatuses = "all";

    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'd';
}

/// <summary>
/// The dossiers of an organization matching the filters given, newest first. Only the filters given become
/// conditions, so each combination is its own statement with an index that ends in the sort order; "not archived" is
/// written as a literal, which the partial indexes' predicate matches under any plan.
/// </summary>
public sealed class DossierListSpec : Specification<DossierDetails>, ICountedSpecification
{
    /// <summary>
    /// SPEC §1: the counters answer type, status and stage; an assignee is counted exactly (its index holds just its
    /// dossiers); the time windows (updated_since, overdue) count up to the cap.
    /// </summary>
    public TotalRule Total { get; }

    public DossierListSpec(Guid organizationId, string? type, IReadOnlyList<string> statuses, Guid? stageId, Guid? assignedTo, DateTimeOffset? updatedSince,
        bool? overdue, DateTimeOffset now, PageRequest page)
    {
        Total = updatedSince is not null || overdue is not null ? TotalRule.Capped
            : assignedTo is not null ? TotalRule.Exact
            : TotalRule.FromCounters(new DossierCountSpec(organizationId, type, statuses, stageId));

        Query.Where(d => d.OrganizationId == organizationId);
        if (type is not null) Query.Where(d => d.Type == type);
        switch (StatusFilter.Of(statuses))
        {
            case StatusFilter.Kind.NotArchived: Query.Where(d => d.Status != "archived"); break;
            case StatusFilter.Kind.One: var status = statuses[0]; Query.Where(d => d.Status == status); break;
            case StatusFilter.Kind.AnyOf: var any = statuses.Distinct().ToArray(); Query.Where(d => any.Contains(d.Status)); break;
        }
        if (stageId is { } stage) Query.Where(d => d.CurrentStageId == stage);
        if (assignedTo is { } assignee) Query.Where(d => d.AssignedTo == assignee);
        if (updatedSince is { } since) Query.Where(d => d.UpdatedAt >= since);
        if (overdue == true) Query.Where(d => d.StageDeadlineAt < now);
        if (overdue == false) Query.Where(d => d.StageDeadlineAt == null || d.StageDeadlineAt >= now);
        Query.InCreationOrder(page, ListDossiers.Listing);
    }
}

/// <summary>What a listing's <c>status</c> values filter: none given → not archived; <c>all</c> → nothing; else any of them.</summary>
internal static class StatusFilter
{
    public enum Kind { NotArchived, All, One, AnyOf }

    public static Kind Of(IReadOnlyList<string> statuses) => statuses switch
    {
        [] => Kind.NotArchived,
        _ when statuses.Contains(ListDossiers.AllStatuses) => Kind.All,
        [_] => Kind.One,
        _ when statuses.Distinct().Count() == 1 => Kind.One,
        _ => Kind.AnyOf,
    };
}

/// <summary>The counters of an organization's dossiers that match a listing's type, status and stage filters.</summary>
public sealed class DossierCountSpec : Specification<DossierCountRow>
{
    public DossierCountSpec(Guid organizationId, string? type, IReadOnlyList<string> statuses, Guid? stageId)
    {
        Query.Where(k => k.OrganizationId == organizationId);
        if (type is not null) Query.Where(k => k.Type == type);
        switch (StatusFilter.Of(statuses))
        {
            case StatusFilter.Kind.NotArchived: Query.Where(k => k.Status != "archived"); break;
            case StatusFilter.Kind.One: var status = statuses[0]; Query.Where(k => k.Status == status); break;
            case StatusFilter.Kind.AnyOf: var any = statuses.Distinct().ToArray(); Query.Where(k => any.Contains(k.Status)); break;
        }
        if (stageId is { } stage) Query.Where(k => k.StageId == stage);
    }
}

/// <summary>One shard of an organization's dossier counter for a type, status and stage (see M0008_ListCounters).</summary>
[RowSource("dossier_counts k")]
public sealed record DossierCountRow : ICounterRow
{
    [Column("k.org_id")] public Guid OrganizationId { get; init; }
    [Column("k.type")] public required string Type { get; init; }
    [Column("k.status")] public required string Status { get; init; }
    [Column("k.stage_id")] public Guid StageId { get; init; }
    [Column("k.n")] public long N { get; init; }
}

internal sealed class ListDossiersHandler(IListReader reader, TimeProvider clock) : IRequestHandler<ListDossiers, Paged<DossierDetails>>
{
    public Task<Paged<DossierDetails>> Handle(ListDossiers query, CancellationToken ct) =>
        reader.KeysetPageAsync(new DossierListSpec(query.OrganizationId, query.Type, query.Statuses, query.StageId, query.AssignedTo,
            query.UpdatedSince, query.Overdue, clock.GetUtcNow(), query.Page), query.Page, ListDossiers.Listing, ct);
}
