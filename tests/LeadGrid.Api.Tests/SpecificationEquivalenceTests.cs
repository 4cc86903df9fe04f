using System.Linq.Expressions;
using System.Reflection;
using Ardalis.Specification;
using Dapper;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Application.Flows;
using LeadGrid.Application.Organizations;
using LeadGrid.Application.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace LeadGrid.Api.Tests;

/// <summary>
/// The translator's proof: every specification, with random combinations of its filters and pages over one generated
/// data set, selects in SQL (through the real <see cref="IListReader"/>) the same ids in the same order, and counts
/// the same total, as Ardalis' in-memory evaluator over the same rows. The data has what a translation gets wrong:
/// ties in the sort keys, nulls in filtered columns, values equal to the filter boundaries, accents, and the
/// characters LIKE treats specially.
/// </summary>
public class SpecificationEquivalenceTests(ApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    /// <summary>Cases for a specification with one or two filters; the many-filter listings get several times as many.</summary>
    private const int Cases = 120;
    private static readonly DateTimeOffset Base = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrgA = Guid.CreateVersion7();
    private static readonly Guid OrgB = Guid.CreateVersion7();
    private static readonly Guid Unknown = Guid.CreateVersion7();
    private static readonly string[] Kinds = ["candidate", "prospect", "client", "supplier", "partner"];
    private static readonly string[] SearchTerms =
        ["an", "ann", "anna", "ANNA", "é", "élo", "ÉLODIE", "müll", "Köln", "50%", "50% off", "%", "_", "a_r", "carla_", "\\", "dana \\ b",
         "acme", "@example", "example.com", "user1", "cto", "head of", "zzz", "  anne  ", "ö", "zoë"];

    [Fact]
    public async Task EverySpecification_SelectsInSql_WhatItSelectsInMemory()
    {
        await SeedAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<IListReader>();
        var random = new Random(20261129);

        var contacts = await LoadAsync<ContactDetails>();
        var dossiers = await LoadAsync<DossierDetails>();
        var links = await LoadAsync<DossierContactDetails>();
        var notes = await LoadAsync<NoteDetails>();
        var flows = await LoadAsync<FlowRow>();
        var stageRows = await LoadAsync<StageRow>();
        var organizations = await LoadAsync<OrganizationDetails>();
        var keys = await LoadAsync<ApiKeyDetails>();
        var endpoints = await LoadAsync<WebhookEndpointDetails>();
        var deliveries = await LoadAsync<WebhookDeliveryRow>();
        output.WriteLine($"rows: {contacts.Count} contacts, {dossiers.Count} dossiers, {links.Count} links, {notes.Count} notes, " +
                         $"{flows.Count} flows, {stageRows.Count} stages, {organizations.Count} organizations, {keys.Count} keys, {endpoints.Count} endpoints, {deliveries.Count} deliveries");

        var stages = dossiers.Select(d => d.CurrentStageId).Distinct().Append(Unknown).ToArray();
        var members = dossiers.Select(d => d.AssignedTo).OfType<Guid>().Distinct().Append(Unknown).ToArray();
        // Parents with children, and a few without.
        var linkParents = links.Select(l => (l.OrganizationId, l.DossierId)).Distinct().Concat(dossiers.Take(3).Select(d => (d.OrganizationId, d.Id))).ToArray();
        var noteParents = notes.Select(n => (n.OrganizationId, n.DossierId)).Distinct().Concat(dossiers.Take(3).Select(d => (d.OrganizationId, d.Id))).ToArray();
        var deliveryParents = deliveries.Select(d => (d.OrganizationId, d.EndpointId)).Distinct()
            .Concat(endpoints.Take(2).Select(e => (e.OrganizationId, e.Id))).ToArray();
        var endpointIds = endpoints.Select(e => e.Id).Append(Unknown).ToArray();
        var updatedMarks = dossiers.Select(d => d.UpdatedAt).Distinct().ToArray();

        var check = new Checker(reader, random, output);

        await check.CompareAsync(contacts, c => c.Id, 4 * Cases, r =>
        {
            var org = Org(r);
            var kinds = Kinds.Where(_ => r.Next(4) == 0).ToArray();
            var pool = Pick(r, [null, null, ListContacts.InPool, ListContacts.Expired, "other"]);
            var search = r.Next(3) == 0 ? null : Pick(r, SearchTerms);
            var page = Cursor(r, contacts, ListContacts.Listing, Page(r));
            return (new ContactListSpec(org, kinds, pool, search, Now, page),
                $"contacts org={Name(org)} kinds=[{string.Join(',', kinds)}] pool={pool} search={search} {page}");
        });

        await check.CompareAsync(dossiers, d => d.Id, 4 * Cases, r =>
        {
            var org = Org(r);
            var type = Pick(r, [null, null, "candidate", "sales"]);
            var status = Pick<string[]>(r, [[], [], [], ["active"], ["won"], ["lost"], ["archived"], ["all"], ["won", "lost"], ["active", "archived"]]);
            Guid? stage = r.Next(4) == 0 ? Pick(r, stages) : null;
            Guid? assignee = r.Next(4) == 0 ? Pick(r, members) : null;
            DateTimeOffset? since = r.Next(3) == 0 ? Pick(r, updatedMarks) : null;
            var overdue = Pick<bool?>(r, [null, null, true, false]);
            var page = Cursor(r, dossiers, ListDossiers.Listing, Page(r));
            return (new DossierListSpec(org, type, status, stage, assignee, since, overdue, Now, page),
                $"dossiers org={Name(org)} type={type} status={string.Join('+', status)} stage={stage} assignee={assignee} since={since:O} overdue={overdue} {page}");
        });

        await check.CompareAsync(dossiers, d => d.Id, Cases, r =>
        {
            var org = Org(r);
            var dossier = r.Next(5) == 0 ? Unknown : Pick(r, dossiers).Id;
            return (new DossierOfOrganizationSpec(org, dossier), $"dossier {dossier} of org={Name(org)}");
        });

        await check.CompareAsync(notes, n => n.Id, Cases, r =>
        {
            var ((org, dossier), page) = (Parented(r, noteParents), Cursor(r, notes, ListNotes.Listing, Page(r)));
            return (new NoteListSpec(org, dossier, page), $"notes org={Name(org)} dossier={dossier} {page}",
                DossierOfOrganizationSpec.Required(org, dossier), dossiers.Any(d => d.OrganizationId == org && d.Id == dossier));
        });

        await check.CompareAsync(links, l => l.ContactId, Cases, r =>
        {
            var ((org, dossier), page) = (Parented(r, linkParents), Page(r));
            return (new DossierContactListSpec(org, dossier, page), $"dossier contacts org={Name(org)} dossier={dossier} {page}",
                DossierOfOrganizationSpec.Required(org, dossier), dossiers.Any(d => d.OrganizationId == org && d.Id == dossier));
        });

        await check.CompareAsync(flows, f => f.Id, Cases, r =>
        {
            var (org, type, page) = (Org(r), Pick(r, [null, "candidate", "sales"]), Page(r));
            return (new FlowListSpec(org, type, page), $"flows org={Name(org)} type={type} {page}");
        });

        var flowParents = flows.Select(f => (f.OrganizationId, f.Id)).ToArray();
        await check.CompareAsync(stageRows, s => s.Id, Cases, r =>
        {
            var (org, flow) = Parented(r, flowParents);
            return (new FlowStagesSpec(org, flow), $"stages org={Name(org)} flow={flow}",
                FlowOfOrganizationSpec.Required(org, flow), flows.Any(f => f.OrganizationId == org && f.Id == flow));
        });

        await check.CompareAsync(flows, f => f.Id, Cases, r =>
        {
            var org = Org(r);
            var flow = r.Next(5) == 0 ? Unknown : Pick(r, flows).Id;
            return (new FlowOfOrganizationSpec(org, flow), $"flow {flow} of org={Name(org)}");
        });

        await check.CompareAsync(organizations, o => o.Id, Cases, r =>
        {
            var page = Cursor(r, organizations, ListOrganizations.Listing, Page(r));
            return (new OrganizationListSpec(page), $"organizations {page}");
        });

        await check.CompareAsync(organizations, o => o.Id, Cases, r =>
        {
            var id = r.Next(5) == 0 ? Unknown : Pick(r, organizations).Id;
            return (new OrganizationSpec(id), $"organization {id}");
        });

        await check.CompareAsync(keys, k => k.Id, Cases, r =>
        {
            var (org, page) = (Org(r), Cursor(r, keys, ListApiKeys.Listing, Page(r)));
            return (new ApiKeyListSpec(org, page), $"api keys org={Name(org)} {page}");
        });

        await check.CompareAsync(endpoints, e => e.Id, Cases, r =>
        {
            var (org, page) = (Org(r), Cursor(r, endpoints, ListWebhookEndpoints.Listing, Page(r)));
            return (new WebhookEndpointListSpec(org, page), $"endpoints org={Name(org)} {page}");
        });

        await check.CompareAsync(endpoints, e => e.Id, Cases, r =>
        {
            var org = Org(r);
            var endpoint = Pick(r, endpointIds);
            return (new WebhookEndpointOfOrganizationSpec(org, endpoint), $"endpoint {endpoint} of org={Name(org)}");
        });

        await check.CompareAsync(deliveries, d => d.Id, Cases, r =>
        {
            var ((org, endpoint), page) = (Parented(r, deliveryParents), Cursor(r, deliveries, ListWebhookDeliveries.Listing, Page(r)));
            var states = new[] { "pending", "succeeded", "failed", "pending" }.Where(_ => r.Next(3) == 0).ToArray();
            return (new WebhookDeliveryListSpec(org, endpoint, states, page),
                $"deliveries org={Name(org)} endpoint={endpoint} states=[{string.Join(',', states)}] {page}");
        });

        // Shapes the translator knows that no listing uses (yet): negations, mirrored comparisons, captured nulls.
        var companies = contacts.Select(c => c.Company).OfType<string>().Distinct().Append("Nobody Inc").ToArray();
        var pools = contacts.Select(c => c.PoolUntil).Distinct().ToArray();
        await check.CompareAsync(contacts, c => c.Id, 4 * Cases, r =>
        {
            var variant = r.Next(ContactShapes.Variants);
            var (org, at, company) = (Org(r), Pick(r, pools), r.Next(4) == 0 ? null : Pick(r, companies));
            var some = companies.Where(_ => r.Next(3) == 0).ToArray();
            var kinds = Kinds.Where(_ => r.Next(3) == 0).ToArray();
            var term = Pick(r, SearchTerms).Trim();
            var page = Page(r);
            return (new ContactShapes(variant, org, at, company, some, kinds, term, page),
                $"shape {variant} org={Name(org)} at={at:O} company={company ?? "null"} companies=[{string.Join(',', some)}] kinds=[{string.Join(',', kinds)}] term={term} {page}");
        });
        await check.CompareAsync(notes, n => n.Id, Cases, r =>
        {
            var (variant, org, flag, page) = (r.Next(NoteShapes.Variants), Org(r), Pick<bool?>(r, [null, true, false]), Page(r));
            return (new NoteShapes(variant, org, flag, page), $"note shape {variant} org={Name(org)} flag={flag} {page}");
        });

        output.WriteLine($"{check.Queries} queries compared");
    }

    private sealed class ContactShapes : Specification<ContactDetails>
    {
        public const int Variants = 10;

        public ContactShapes(int variant, Guid org, DateTimeOffset? at, string? company, string[] companies, string[] kinds, string term,
            PageRequest page)
        {
            Query.Where(c => c.OrganizationId == org);
            _ = variant switch
            {
                0 => Query.Where(c => at < c.PoolUntil),
                1 => Query.Where(c => !(c.PoolUntil > at)),
                2 => Query.Where(c => c.PoolUntil == at),
                3 => Query.Where(c => c.Company == company),
                4 => Query.Where(c => c.Company != company && !(company == c.Role)),
                5 => Query.Where(c => c.Company == null || companies.Contains(c.Company)),
                6 => Query.Where(c => c.Email != null && c.Role != "CTO"),
                7 => Query.Where(c => !(c.Role == "CTO" || c.PoolUntil <= at)),
                8 => Query.Where(c => !RowFilters.Matches(c.SearchText, term) && !RowFilters.Overlaps(c.Kind, kinds)),
                _ => Query.Where(c => RowFilters.Matches(c.SearchText, "50% o") || (RowFilters.Matches(c.SearchText, term) && c.PoolUntil > at)),
            };
            Query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Page(page);
        }
    }

    private sealed class NoteShapes : Specification<NoteDetails>
    {
        public const int Variants = 4;

        public NoteShapes(int variant, Guid org, bool? flag, PageRequest page)
        {
            Query.Where(n => n.OrganizationId == org);
            _ = variant switch
            {
                0 => Query.Where(n => n.IsInternal),
                1 => Query.Where(n => !n.IsInternal),
                2 => Query.Where(n => n.IsInternal == flag),
                _ => Query.Where(n => n.IsInternal != flag || false),
            };
            Query.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Page(page);
        }
    }

    /// <summary>Mostly the big organization, sometimes the small one, now and then one that does not exist.</summary>
    private static Guid Org(Random r) => r.Next(20) switch { 0 => Unknown, < 5 => OrgB, _ => OrgA };

    /// <summary>Mostly a parent and its organization; sometimes another organization, or a parent that does not exist.</summary>
    private static (Guid Org, Guid Parent) Parented(Random r, IReadOnlyList<(Guid Org, Guid Id)> parents) => r.Next(10) switch
    {
        0 => (Org(r), Unknown),
        1 => (Org(r), Pick(r, parents).Id),
        _ => Pick(r, parents),
    };

    private static string Name(Guid org) => org == OrgA ? "A" : org == OrgB ? "B" : "unknown";

    private static T Pick<T>(Random r, IReadOnlyList<T> values) => values[r.Next(values.Count)];

    /// <summary>A third of the pages by cursor: after a random row's sort key (rows share sort times, so ties are exercised).</summary>
    private static PageRequest Cursor<TRow>(Random r, IReadOnlyList<TRow> rows, char listing, PageRequest page) where TRow : IKeysetRow
    {
        if (r.Next(3) != 0 || rows.Count == 0) return page;
        var after = Pick(r, rows);
        return page with { Page = 1, Cursor = new ListCursor(listing, after.CreatedAt, after.Id) };
    }

    /// <summary>Small pages deep into a listing, whole listings, and pages past the end.</summary>
    private static PageRequest Page(Random r) => r.Next(4) switch
    {
        0 => new PageRequest(1, 100),
        1 => new PageRequest(r.Next(1, 4), Pick(r, [1, 2, 3, 7])),
        2 => new PageRequest(r.Next(1, 12), Pick(r, [5, 10, 25])),
        _ => new PageRequest(r.Next(1, 60), Pick(r, [1, 3, 10])),
    };

    private sealed class Checker(IListReader reader, Random random, ITestOutputHelper output)
    {
        public int Queries { get; private set; }

        public Task CompareAsync<TRow>(IReadOnlyList<TRow> rows, Func<TRow, Guid> id, int cases,
            Func<Random, (ISpecification<TRow>, string)> next) where TRow : class =>
            CompareAsync(rows, id, cases, r =>
            {
                var (spec, description) = next(r);
                return (spec, description, null, true);
            });

        /// <summary>
        /// <paramref name="next"/> gives a specification, its description, and optionally the parent the listing hangs
        /// under with whether it exists (when not, the reader must answer 404 instead of a page).
        /// </summary>
        public async Task CompareAsync<TRow>(IReadOnlyList<TRow> rows, Func<TRow, Guid> id, int cases,
            Func<Random, (ISpecification<TRow> Spec, string Description, ParentCheck? Parent, bool ParentExists)> next) where TRow : class
        {
            int nonEmpty = 0, beyondOnePage = 0, missingParents = 0;
            for (var i = 0; i < cases; i++)
            {
                var (spec, description, parent, parentExists) = next(random);
                var expected = InMemorySpecificationEvaluator.Default.Evaluate(rows, spec).Select(id).ToArray();
                // A cursor's position is not a filter: the total counts the listing's filters alone (SPEC §4).
                var filters = spec.WhereExpressions.Where(w => w.Filter.Body is not MethodCallExpression { Method.Name: nameof(RowFilters.Before) or nameof(RowFilters.After) }).ToArray();
                var expectedTotal = rows.LongCount(row => filters.All(w => w.FilterFunc(row)));
                Queries++;

                if (!parentExists)
                {
                    await Assert.ThrowsAsync<NotFoundException>(() => reader.ListAsync(spec, CancellationToken.None, parent));
                    missingParents++;
                    continue;
                }
                var (items, total, _) = await reader.ListAsync(spec, CancellationToken.None, parent);
                var actual = items.Select(id).ToArray();
                Assert.True(expected.SequenceEqual(actual) && expectedTotal == total,
                    $"{description}\n  in memory: total {expectedTotal}, [{string.Join(", ", expected)}]\n  in SQL:    total {total}, [{string.Join(", ", actual)}]");
                if (expected.Length > 0) nonEmpty++;
                if (expectedTotal > expected.Length && expected.Length > 0) beyondOnePage++;
            }
            output.WriteLine($"{typeof(TRow).Name}: {cases} cases, {nonEmpty} non-empty pages, {beyondOnePage} partial pages, {missingParents} missing parents");
            // The comparison means something only when most answers are not empty.
            var answered = cases - missingParents;
            Assert.True(nonEmpty >= answered / 3, $"{typeof(TRow).Name}: only {nonEmpty} of {answered} pages had anything on them");
        }
    }

    /// <summary>Every row of <typeparamref name="TRow"/>, filter-only columns included, as the in-memory side sees them.</summary>
    private static async Task<IReadOnlyList<TRow>> LoadAsync<TRow>()
    {
        var columns = typeof(TRow).GetProperties()
            .Select(p => (p.Name, Column: p.GetCustomAttribute<ColumnAttribute>()))
            .Where(p => p.Column is not null)
            .Select(p => $"{p.Column!.Sql} AS \"{p.Name}\"");
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        return (await connection.QueryAsync<TRow>($"SELECT {string.Join(", ", columns)} FROM {RowColumns<TRow>.From}")).AsList();
    }

    /// <summary>
    /// Two organizations with everything the listings show (one large, one small) and 28 empty ones; groups of rows share
    /// their sort time, and the time-window columns take values on both sides of <see cref="Now"/> and on it.
    /// </summary>
    private static async Task SeedAsync()
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO organizations (id, name, plan, created_at, updated_at)
            SELECT CASE i WHEN 1 THEN @OrgA WHEN 2 THEN @OrgB ELSE gen_random_uuid() END, 'org ' || i,
                   (ARRAY['free', 'pro', 'growth'])[1 + i % 3], @Base + (i / 3) * interval '1 second', @Base
            FROM generate_series(1, 30) i
            """, new { OrgA, OrgB, Base });
        await SeedOrganizationAsync(connection, OrgA, contacts: 300, dossiers: 300, flows: 12, keys: 40, endpoints: 30, linkedDossiers: 40);
        await SeedOrganizationAsync(connection, OrgB, contacts: 60, dossiers: 50, flows: 4, keys: 5, endpoints: 4, linkedDossiers: 10);
    }

    private static Task SeedOrganizationAsync(NpgsqlConnection connection, Guid org, int contacts, int dossiers, int flows, int keys,
        int endpoints, int linkedDossiers) => connection.ExecuteAsync("""
        INSERT INTO members (id, org_id, email, full_name, created_at)
        SELECT gen_random_uuid(), @org, 'member' || i || '@example.com', 'Member ' || i, @Base FROM generate_series(1, 5) i;

        INSERT INTO flows (id, org_id, name, type, is_default, created_at)
        SELECT gen_random_uuid(), @org, 'flow' || lpad(((i * 7) % 5)::text, 2, '0'), (ARRAY['candidate', 'sales'])[1 + i % 2], false,
               @Base + (i / 2) * interval '1 second'
        FROM generate_series(1, @flows) i;

        INSERT INTO stages (id, org_id, flow_id, name, position, deadline_days)
        SELECT gen_random_uuid(), f.org_id, f.id, 'stage ' || p, p, p FROM flows f CROSS JOIN generate_series(1, 3) p WHERE f.org_id = @org;

        INSERT INTO contacts (id, org_id, full_name, email, company, role, kinds, pool_until, created_at, updated_at)
        SELECT gen_random_uuid(), @org,
               (ARRAY['Anna Müller', 'Élodie Dupont', 'Bob 50% Smith', 'Carla_Rossi', 'Dana \ Back', 'Zoë Åberg', 'Anne-Marie Annan', 'Ünal Öztürk'])[1 + i % 8] || ' ' || i,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'User' || i || '@Example.com' END,
               CASE WHEN i % 4 = 0 THEN NULL ELSE (ARRAY['ACME', 'Acme GmbH', 'Stadtwerke Köln', '50% Off Ltd', 'under_score inc'])[1 + i % 5] END,
               CASE WHEN i % 6 = 0 THEN NULL ELSE (ARRAY['CTO', 'Head of Sales', 'Recruiter'])[1 + i % 3] END,
               ARRAY(SELECT k FROM unnest(ARRAY['candidate', 'prospect', 'client', 'supplier', 'partner']) WITH ORDINALITY u(k, n)
                     WHERE ((i * 7) % 32) & (1 << (n::int - 1)) <> 0),
               CASE WHEN i % 7 = 0 THEN NULL ELSE @Now + ((i % 11) - 5) * interval '1 day' END,
               @Base + (i / 3) * interval '1 second', @Base + (i / 3) * interval '1 second'
        FROM generate_series(1, @contacts) i;

        INSERT INTO dossiers (id, org_id, type, name, company, contact_person, deal_size, deal_currency, status, flow_id, current_stage_id,
                              stage_entered_at, stage_deadline_at, assigned_to, created_at, updated_at)
        SELECT gen_random_uuid(), @org, f.type, 'Dossier ' || i, CASE WHEN i % 2 = 0 THEN 'ACME' END,
               CASE WHEN f.type = 'sales' THEN 'Person ' || i END, CASE WHEN f.type = 'sales' THEN 1000 * i END,
               CASE WHEN f.type = 'sales' THEN 'EUR' END, (ARRAY['active', 'active', 'won', 'lost', 'archived'])[1 + (i * 3) % 5],
               f.id, s.id, @Base, CASE WHEN i % 4 = 0 THEN NULL ELSE @Now + ((i % 9) - 4) * interval '1 day' END,
               CASE WHEN i % 3 = 0 THEN NULL ELSE m.id END,
               @Base + (i / 3) * interval '1 second', @Now + ((i % 7) - 3) * interval '1 day'
        FROM generate_series(1, @dossiers) i
        CROSS JOIN LATERAL (SELECT id, type FROM flows WHERE org_id = @org ORDER BY name, id OFFSET i % @flows LIMIT 1) f
        CROSS JOIN LATERAL (SELECT id FROM stages WHERE flow_id = f.id ORDER BY position OFFSET i % 3 LIMIT 1) s
        CROSS JOIN LATERAL (SELECT id FROM members WHERE org_id = @org ORDER BY email OFFSET i % 5 LIMIT 1) m;

        INSERT INTO dossier_contacts (org_id, dossier_id, contact_id, role_on_dossier, is_primary, linked_at)
        SELECT @org, d.id, c.id, (ARRAY['hiring_manager', 'decision_maker', 'champion', 'other'])[1 + (d.n + c.n) % 4],
               d.n % 2 = 0 AND c.n = d.n % 5 + 1, @Base + (c.n / 2) * interval '1 second'
        FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM dossiers WHERE org_id = @org) d
        JOIN (SELECT id, row_number() OVER (ORDER BY id) n FROM contacts WHERE org_id = @org) c ON c.n <= d.n % 9
        WHERE d.n <= @linkedDossiers;

        INSERT INTO notes (id, org_id, dossier_id, content, is_internal, created_at)
        SELECT gen_random_uuid(), @org, d.id, 'note ' || k, k % 2 = 0, @Base + (k / 2) * interval '1 second'
        FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM dossiers WHERE org_id = @org) d
        CROSS JOIN generate_series(1, 12) k
        WHERE k <= d.n % 13 AND d.n <= @linkedDossiers;

        INSERT INTO api_keys (id, org_id, name, prefix, secret_hash, scopes, created_at)
        SELECT gen_random_uuid(), @org, 'key ' || i, 'lg_' || i, sha256(convert_to(@org::text || i, 'UTF8')), ARRAY['dossiers:read'],
               @Base + (i / 3) * interval '1 second'
        FROM generate_series(1, @keys) i;

        -- Disabled, so the running dispatcher leaves them and their deliveries alone.
        INSERT INTO webhook_endpoints (id, org_id, url, events, secret, enabled, disabled_reason, created_at, updated_at)
        SELECT gen_random_uuid(), @org, 'https://hooks.example.com/' || i, ARRAY['dossier.created'], 'whsec_test' || i, false, 'manual',
               @Base + (i / 3) * interval '1 second', @Base
        FROM generate_series(1, @endpoints) i;

        INSERT INTO outbox (id, event_id, org_id, type, payload, created_at, processed_at)
        VALUES (gen_random_uuid(), 'evt_' || replace(gen_random_uuid()::text, '-', ''), @org, 'dossier.created', '{}', @Base, @Base);

        INSERT INTO webhook_deliveries (id, org_id, endpoint_id, outbox_id, event_id, event_type, state, attempt_count, max_attempts,
                                        next_attempt_at, created_at, updated_at)
        SELECT gen_random_uuid(), @org, e.id, o.id, o.event_id, 'dossier.created', s.state, 1, 8,
               CASE WHEN s.state = 'pending' THEN 'infinity'::timestamptz END, @Base + (i / 3) * interval '1 second', @Base
        FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM webhook_endpoints WHERE org_id = @org) e
        CROSS JOIN (SELECT id, event_id FROM outbox WHERE org_id = @org) o
        CROSS JOIN generate_series(1, 60) i
        CROSS JOIN LATERAL (SELECT (ARRAY['pending', 'succeeded', 'failed'])[1 + (i * 5 + e.n::int) % 3] AS state) s
        WHERE e.n <= 3;
        """, new { org, contacts, dossiers, flows, keys, endpoints, linkedDossiers, Base, Now });
}
