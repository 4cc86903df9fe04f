using Ardalis.Specification;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Application.Flows;
using LeadGrid.Application.Organizations;
using LeadGrid.Application.Webhooks;
using LeadGrid.Infrastructure.Database;
using Xunit.Abstractions;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Every specification the application has, built with every filter it can take, goes through the SQL translator: a
/// shape the translator does not know fails here, not in a request. A specification class missing from this list
/// fails too.
/// </summary>
public class SpecificationShapeTests(ITestOutputHelper output)
{
    private static readonly Guid Org = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly PageRequest Page = new(3, 25);

    /// <summary>Each specification with all its filters, and what its SQL must say.</summary>
    public static IEnumerable<(object Specification, string[] Expected)> Everything()
    {
        yield return (new ContactListSpec(Org, ["candidate", "client"], ListContacts.InPool, "50%_off", Now, Page),
            ["c.org_id = @q0", "c.kinds && @q1", "c.pool_until > @q2", "c.search_words @@ leadgrid_search_query(@q3)", "ORDER BY c.created_at DESC, c.id DESC", "LIMIT @qtake OFFSET @qskip"]);
        yield return (new ContactListSpec(Org, [], ListContacts.Expired, null, Now, Page), ["c.pool_until <= @q1"]);
        yield return (new DossierListSpec(Org, "sales", ["won"], Other, Other, Now, overdue: true, Now, Page),
            ["d.org_id = @q0", "d.type = @q1", "d.status = @q2", "d.current_stage_id = @q3", "d.assigned_to = @q4", "d.updated_at >= @q5",
             "d.stage_deadline_at < @q6", "ORDER BY d.created_at DESC, d.id DESC"]);
        yield return (new DossierListSpec(Org, null, [], null, null, null, overdue: false, Now, Page),
            ["d.status <> 'archived'", "(d.stage_deadline_at IS NULL) OR (d.stage_deadline_at >= @q1)"]);
        yield return (new DossierCountSpec(Org, "sales", [], Other), ["k.org_id = @q0", "k.type = @q1", "k.status <> 'archived'", "k.stage_id = @q2"]);
        yield return (new ContactCountSpec(Org, ["client", "partner"]), ["k.org_id = @q0", "k.kinds = ANY (@q1)"]);
        yield return (new DossierOfOrganizationSpec(Org, Other), ["(d.org_id = @q0) AND (d.id = @q1)"]);
        yield return (new NoteListSpec(Org, Other, Page), ["n.org_id = @q0", "n.dossier_id = @q1", "ORDER BY n.created_at, n.id"]);
        yield return (new DossierContactListSpec(Org, Other, Page), ["dc.org_id = @q0", "ORDER BY dc.is_primary DESC, dc.linked_at, dc.contact_id"]);
        yield return (new FlowListSpec(Org, "sales", Page), ["f.org_id = @q0", "f.type = @q1", "ORDER BY f.created_at, f.name, f.id"]);
        yield return (new FlowStagesSpec(Org, Other), ["(s.org_id = @q0) AND (s.flow_id = @q1)", "ORDER BY s.position"]);
        yield return (new FlowOfOrganizationSpec(Org, Other), ["(f.org_id = @q0) AND (f.id = @q1)"]);
        yield return (new OrganizationListSpec(Page), ["ORDER BY o.created_at DESC, o.id DESC"]);
        yield return (new DossierListSpec(Org, null, ["all"], null, null, null, null, Now, Page with { Cursor = new ListCursor(ListDossiers.Listing, Now, Other) }),
            ["(d.created_at, d.id) < (@q1, @q2)", "ORDER BY d.created_at DESC, d.id DESC", "LIMIT @qtake"]);
        yield return (new NoteListSpec(Org, Other, Page with { Cursor = new ListCursor(ListNotes.Listing, Now, Other) }),
            ["(n.created_at, n.id) > (@q2, @q3)", "ORDER BY n.created_at, n.id"]);
        yield return (new OrganizationSpec(Org), ["o.id = @q0"]);
        yield return (new ApiKeyListSpec(Org, Page), ["k.org_id = @q0"]);
        yield return (new WebhookEndpointListSpec(Org, Page), ["e.org_id = @q0"]);
        yield return (new WebhookEndpointOfOrganizationSpec(Org, Other), ["(e.org_id = @q0) AND (e.id = @q1)"]);
        yield return (new WebhookDeliveryListSpec(Org, Other, ["pending", "failed"], Page), ["d.endpoint_id = @q1", "d.state = ANY (@q2)"]);
    }

    [Fact]
    public void EverySpecification_TranslatesToTheSqlItMeans()
    {
        foreach (var (specification, expected) in Everything())
        {
            var (where, orderBy, paging) = Translate(specification);
            var sql = where + orderBy + "\n" + paging;
            output.WriteLine($"{specification.GetType().Name}:{sql}\n");
            Assert.All(expected, fragment => Assert.Contains(fragment, sql));
        }
    }

    [Fact]
    public void EverySpecificationClass_IsInThisTest()
    {
        var tested = Everything().Select(e => e.Specification.GetType()).ToHashSet();
        var all = typeof(IListReader).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.BaseType is { IsGenericType: true } b
                        && b.GetGenericTypeDefinition() == typeof(Specification<>));

        Assert.Empty(all.Where(t => !tested.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void EveryCursor_OfOneListing_IsOneStatement_WhoseTotalLeavesTheCursorOut()
    {
        var first = SpecificationSql.Translate(new ContactListSpec(Org, [], null, null, Now, Page with { Cursor = new ListCursor(ListContacts.Listing, Now, Other) }), "q");
        var second = SpecificationSql.Translate(new ContactListSpec(Other, [], null, null, Now, Page with { Cursor = new ListCursor(ListContacts.Listing, Now.AddDays(-3), Org) }), "q");
        var (counted, _, _) = ListReader.Prepare(new ContactListSpec(Org, [], null, "anna", Now, Page with { Cursor = new ListCursor(ListContacts.Listing, Now, Other) }), null);

        Assert.Same(first.Template, second.Template); // a cursor's values are parameters: no statement per page
        Assert.DoesNotContain("OFFSET", first.Template.Paging);
        var count = counted[counted.IndexOf("count(*)", StringComparison.Ordinal)..];
        count = count[..count.IndexOf(';')];
        Assert.Contains("c.search_words @@", count);            // the statement's count, filters and all…
        Assert.DoesNotContain("(c.created_at, c.id) <", count);  // …but not the cursor's position
        Assert.Contains("(c.created_at, c.id) <", counted);      // which the page has
    }

    [Fact]
    public void TheSameShape_IsTheSameStatement_AndOtherValuesAreOnlyParameters()
    {
        var first = SpecificationSql.Translate(new ContactListSpec(Org, ["candidate"], null, "anna", Now, Page), "q");
        var second = SpecificationSql.Translate(new ContactListSpec(Other, ["client", "partner"], null, "bob", Now.AddDays(1), new PageRequest(7, 10)), "q");
        var otherShape = SpecificationSql.Translate(new ContactListSpec(Org, [], null, "anna", Now, Page), "q");

        Assert.Same(first.Template, second.Template);
        Assert.NotSame(first.Template, otherShape.Template);
        Assert.Equal(Other, second.Parameters.Get<Guid>("q0"));
        Assert.Equal(["client", "partner"], second.Parameters.Get<string[]>("q1"));
        Assert.Equal(60, second.Parameters.Get<int>("qskip"));
    }

    [Fact]
    public void SearchTerms_AreTakenLiterally()
    {
        var query = SpecificationSql.Translate(new ContactListSpec(Org, [], null, @"50%_off\now", Now, Page), "q");

        Assert.Equal(@"50%_off\now", query.Parameters.Get<string>("q1")); // a parameter as given: leadgrid_search_query quotes its words
        Assert.True(query.Template.PlansPerValue);
    }

    [Fact]
    public void AShapeTheTranslatorDoesNotKnow_FailsLoudly_NamingIt()
    {
        var spec = new Unknown(c => c.FullName.StartsWith("A"));

        var refused = Assert.Throws<NotSupportedException>(() => SpecificationSql.Translate(spec, "q"));

        Assert.Contains("StartsWith", refused.Message);
    }

    private sealed class Unknown : Specification<ContactDetails>
    {
        public Unknown(System.Linq.Expressions.Expression<Func<ContactDetails, bool>> filter) => Query.Where(filter);
    }

    private static (string Where, string OrderBy, string Paging) Translate(object specification)
    {
        var method = typeof(SpecificationShapeTests).GetMethod(nameof(TranslateTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var row = specification.GetType().BaseType!.GetGenericArguments()[0];
        return ((string, string, string))method.MakeGenericMethod(row).Invoke(null, [specification])!;
    }

    private static (string, string, string) TranslateTyped<TRow>(ISpecification<TRow> specification)
    {
        var template = SpecificationSql.Translate(specification, "q").Template;
        return (template.Where, template.OrderBy, template.Paging);
    }
}
