using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Application.Flows;
using NSubstitute;

namespace LeadGrid.Application.Tests;

/// <summary>
/// The list handlers build specifications from a request; these tests run the specification a handler handed to the
/// reader over rows in memory (the SQL side of the same specification is proven equivalent by the API tests).
/// </summary>
public class ListSpecificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Org = Guid.CreateVersion7();
    private readonly IListReader _reader = Substitute.For<IListReader>();

    [Fact]
    public async Task ListDossiers_WithoutStatus_LeavesArchivedOut_AndOverdueIsMeasuredAgainstTheClock()
    {
        var handler = new ListDossiersHandler(_reader, new FixedClock(Now));
        var rows = new[]
        {
            Dossier("late", "active", Now.AddSeconds(-1)),
            Dossier("due now", "active", Now),
            Dossier("no deadline", "won", null),
            Dossier("archived and late", "archived", Now.AddDays(-3)),
            Dossier("other org", "active", Now.AddDays(-3)) with { OrganizationId = Guid.CreateVersion7() },
        };

        var overdue = await SelectedAsync(rows, () => handler.Handle(
            new ListDossiers(Org, null, [], null, null, null, true, PageRequest.Default), CancellationToken.None));
        var notOverdue = await SelectedAsync(rows, () => handler.Handle(
            new ListDossiers(Org, null, [], null, null, null, false, PageRequest.Default), CancellationToken.None));
        var archived = await SelectedAsync(rows, () => handler.Handle(
            new ListDossiers(Org, null, ["archived"], null, null, null, null, PageRequest.Default), CancellationToken.None));

        Assert.Equal(["late"], overdue.Select(d => d.Name));
        Assert.Equal(["due now", "no deadline"], notOverdue.Select(d => d.Name).Order());
        Assert.Equal(["archived and late"], archived.Select(d => d.Name));
    }

    [Fact]
    public async Task ListDossiers_PagesNewestFirst_TiesByIdDescending()
    {
        var handler = new ListDossiersHandler(_reader, new FixedClock(Now));
        var rows = Enumerable.Range(1, 7).Select(i => Dossier($"d{i}", "active", null) with { CreatedAt = Now.AddSeconds(i / 2) }).ToArray();

        var page = await SelectedAsync(rows, () => handler.Handle(
            new ListDossiers(Org, null, [], null, null, null, null, new PageRequest(2, 3)), CancellationToken.None));

        // The specification reads one row past the page: it tells whether more follow.
        var expected = rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(3).Take(4);
        Assert.Equal(expected.Select(d => d.Name), page.Select(d => d.Name));
    }

    [Fact]
    public async Task ListDossiers_AnswersThePage_WhetherMoreFollow_AndTheCursorAfterItsLastRow()
    {
        var handler = new ListDossiersHandler(_reader, new FixedClock(Now));
        var rows = Enumerable.Range(1, 4).Select(i => Dossier($"d{i}", "active", null) with { CreatedAt = Now.AddSeconds(-i) }).ToArray();
        _reader.ListAsync(Arg.Any<ISpecification<DossierDetails>>(), Arg.Any<CancellationToken>(), Arg.Any<ParentCheck?>())
            .Returns(new ListResult<DossierDetails>(rows, 40, true));

        var page = await handler.Handle(new ListDossiers(Org, null, [], null, null, null, null, new PageRequest(1, 3)), CancellationToken.None);

        Assert.Equal(["d1", "d2", "d3"], page.Items.Select(d => d.Name));
        Assert.True(page.HasMore);
        Assert.True(ListCursor.TryDecode(page.NextCursor, out var cursor));
        Assert.Equal(new ListCursor(ListDossiers.Listing, rows[2].CreatedAt, rows[2].Id), cursor);

        var last = await handler.Handle(new ListDossiers(Org, null, [], null, null, null, null, new PageRequest(1, 3, cursor)), CancellationToken.None);
        Assert.Null(last.Page);
    }

    [Fact]
    public void ListCursor_RoundTrips_AndRefusesWhatItDidNotWrite()
    {
        var cursor = new ListCursor('c', new DateTimeOffset(2026, 4, 15, 12, 3, 40, TimeSpan.Zero).AddTicks(1230), Guid.CreateVersion7());

        Assert.True(ListCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.DoesNotContain('=', cursor.Encode());
        Assert.False(ListCursor.TryDecode("not-a-cursor", out _));
        Assert.False(ListCursor.TryDecode(cursor.Encode()[..^2], out _));
        Assert.False(ListCursor.TryDecode("", out _));
        Assert.Equal("Cursor", Assert.Throws<LeadGrid.Domain.Common.DomainException>(() => cursor.For('d')).Member);
    }

    [Fact]
    public async Task ListContacts_SearchMatchesWordStartsTrimmedAndInAnyCase_KindsMatchAny()
    {
        var handler = new ListContactsHandler(_reader, new FixedClock(Now));
        var rows = new[]
        {
            Contact("Anna 50% Müller", ["candidate"]),
            Contact("Anna Schmidt", ["client", "partner"]),
            Contact("Bob 50 Off", ["candidate"]),
            Contact("Hanna", ["supplier"]),          // "anna" inside a word: not a match
            Contact("Annabel Ross", ["supplier"]),
        };

        var search = await SelectedAsync(rows, () => handler.Handle(
            new ListContacts(Org, [], null, "  50%  ", PageRequest.Default), CancellationToken.None));
        var anyKind = await SelectedAsync(rows, () => handler.Handle(
            new ListContacts(Org, ["partner", "supplier"], null, "ANNA", PageRequest.Default), CancellationToken.None));

        Assert.Equal(["Anna 50% Müller"], search.Select(c => c.FullName));
        Assert.Equal(["Anna Schmidt", "Annabel Ross"], anyKind.Select(c => c.FullName).Order());
    }

    [Fact]
    public async Task GetFlowStages_RequiresTheFlowOfTheOrganization_AndOrdersByPosition()
    {
        var flow = Guid.CreateVersion7();
        ISpecification<StageRow>? spec = null;
        ParentCheck? parent = null;
        _reader.ListAsync(Arg.Do<ISpecification<StageRow>>(s => spec = s), Arg.Any<CancellationToken>(), Arg.Do<ParentCheck?>(p => parent = p))
            .Returns(new ListResult<StageRow>([], 0, true));

        await new GetFlowStagesHandler(_reader).Handle(new GetFlowStages(Org, flow), CancellationToken.None);

        var required = Assert.IsType<ParentCheck<FlowRow>>(parent);
        Assert.Equal("Flow", required.Resource);
        var flows = new[] { FlowRow(Org, flow), FlowRow(Guid.CreateVersion7(), flow), FlowRow(Org, Guid.CreateVersion7()) };
        Assert.Equal([flows[0]], InMemorySpecificationEvaluator.Default.Evaluate(flows, required.Exists));
        var stages = new[] { Stage(flow, 2), Stage(flow, 1), Stage(Guid.CreateVersion7(), 0) };
        Assert.Equal([1, 2], InMemorySpecificationEvaluator.Default.Evaluate(stages, spec!).Select(s => s.Position));
    }

    /// <summary>Runs the handler, then evaluates the specification it gave the reader over <paramref name="rows"/>.</summary>
    private async Task<TRow[]> SelectedAsync<TRow, TResult>(IEnumerable<TRow> rows, Func<Task<TResult>> handle) where TRow : class
    {
        ISpecification<TRow>? spec = null;
        _reader.ListAsync(Arg.Do<ISpecification<TRow>>(s => spec = s), Arg.Any<CancellationToken>(), Arg.Any<ParentCheck?>())
            .Returns(new ListResult<TRow>([], 0, true));
        await handle();
        Assert.NotNull(spec);
        return InMemorySpecificationEvaluator.Default.Evaluate(rows, spec).ToArray();
    }

    private static DossierDetails Dossier(string name, string status, DateTimeOffset? deadline) => new()
    {
        Id = Guid.CreateVersion7(), OrganizationId = Org, Type = "candidate", Name = name, Status = status,
        StageDeadlineAt = deadline, CreatedAt = Now, UpdatedAt = Now,
    };

    private static ContactDetails Contact(string name, string[] kinds) => new()
    {
        Id = Guid.CreateVersion7(), OrganizationId = Org, FullName = name, Kind = kinds, SearchText = name.ToLowerInvariant(),
        CreatedAt = Now, UpdatedAt = Now,
    };

    private static FlowRow FlowRow(Guid org, Guid id) => new() { Id = id, OrganizationId = org, Name = "Hiring", Type = "candidate" };

    private static StageRow Stage(Guid flow, int position) => new()
    {
        Id = Guid.CreateVersion7(), OrganizationId = Org, FlowId = flow, Name = $"stage {position}", Position = position,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
