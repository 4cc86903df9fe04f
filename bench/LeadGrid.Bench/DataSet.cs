using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using static LeadGrid.Bench.Machine;

namespace LeadGrid.Bench;

/// <summary>
/// The data the API benchmark reads and writes: organizations made through the operator API (so each has its default
/// flows and stages), then contacts, dossiers, links and notes written with binary COPY. One organization holds 30%
/// of every table (the skew a large customer brings); the other 99 share the rest. Names, companies, e-mail addresses
/// and notes come from large enough vocabularies that a search term matches what it would in real data.
/// Beside them a dense organization (issue 20): a million contacts (at scale 1) from small vocabularies, so that a
/// common word start matches 3–20% of its rows, and five contacts with a rare name.
/// </summary>
internal sealed class DataSet
{
    public const int Organizations = 100;
    private const double SkewShare = 0.30;
    private static readonly DateTimeOffset Start = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(3 * 365);

    public required Guid[] OrganizationIds { get; init; }

    /// <summary>The organization with 30% of the rows, and an ordinary one; each with an all-scopes key.</summary>
    public required Tenant Skewed { get; init; }
    public required Tenant Ordinary { get; init; }

    /// <summary>The dense organization: contacts only, from the small vocabularies below; with an all-scopes key.</summary>
    public required Tenant Dense { get; init; }
    public required long DenseContacts { get; init; }

    public required long Contacts { get; init; }
    public required long Dossiers { get; init; }
    public required long Links { get; init; }
    public required long Notes { get; init; }
    public required TimeSpan GenerationTime { get; init; }

    public sealed record Tenant(Guid Id, string Key, Guid CandidateFlow, Guid[] CandidateStages, Guid SalesFlow);

    private static readonly string[] FirstNames =
    [
        "Anna", "Sophie", "Mark", "Pieter", "Jan", "Lotte", "Emma", "Noah", "Liam", "Olivia", "Lucas", "Mila", "Finn", "Julia", "Lars",
        "Eva", "Sven", "Fleur", "Daan", "Sanne", "Thomas", "Maria", "Jonas", "Lea", "Felix", "Hannah", "Paul", "Clara", "Max", "Laura",
        "Élodie", "Jérôme", "Zoë", "Björn", "Søren", "Jürgen", "Ayşe", "Mehmet", "Fatima", "Yusuf", "Priya", "Arjun", "Wei", "Mei",
        "Hiroshi", "Yuki", "Carlos", "Lucía", "Mateo", "Valentina", "Giulia", "Marco", "Francesca", "Luca", "Ines", "Tiago", "Ana",
        "João", "Kasia", "Piotr", "Agnieszka", "Tomasz", "Ole", "Ingrid", "Nils", "Astrid", "Mikael", "Freya", "Rosa", "Victor",
        "Chloé", "Hugo", "Manon", "Louis", "Camille", "Gabriel", "Sara", "David", "Rachel", "Samuel", "Miriam", "Omar", "Leila",
        "Karim", "Nadia", "Ivan", "Olga", "Dmitri", "Elena", "Niamh", "Sean", "Aoife", "Conor", "Isla", "Ewan", "Grace", "Jack",
    ];

    private static readonly string[] LastNames =
    [
        "de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
        "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "Müller", "Schmidt", "Schneider", "Fischer",
        "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
        "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier",
        "Lehmann", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
        "Laurent", "Lefèvre", "Michel", "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Silva", "Santos", "Ferreira", "Pereira",
        "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Andersen", "Nielsen", "Hansen", "Pedersen", "Johansson",
        "Karlsson", "Nilsson", "Eriksson", "Larsson", "Öztürk", "Yılmaz", "Kaya", "Demir", "Şahin", "Patel", "Sharma", "Singh",
        "Kumar", "Chen", "Wang", "Li", "Zhang", "Tanaka", "Suzuki", "Sato", "Murphy", "Kelly", "O'Brien", "Walsh", "Smith", "Jones",
        "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans", "Roberts", "Åberg", "Lindqvist", "Berg", "Holm",
    ];

    private static readonly string[] CompanyStems =
    [
        "Nord", "Süd", "West", "Oost", "Alpen", "Rhein", "Delta", "Polder", "Hansa", "Atlas", "Orion", "Vega", "Nova", "Terra", "Aqua",
        "Solar", "Lumen", "Vertex", "Quantum", "Pixel", "Cloud", "Data", "Logi", "Medi", "Bio", "Agri", "Fin", "Bau", "Stahl", "Glas",
        "Holz", "Papier", "Textil", "Auto", "Aero", "Marine", "Energie", "Wasser", "Wind", "Kraft", "Licht", "Klang", "Farbe", "Form",
        "Schiff", "Bahn", "Brücke", "Turm", "Haven", "Kompass",
    ];

    private static readonly string[] CompanyTails =
    [
        "tech", "soft", "systems", "logistik", "consult", "werk", "haus", "group", "labs", "works", "partners", "bouw", "zorg", "energie",
        "transport", "media", "finance", "health", "foods", "retail", "digital", "robotics", "solutions", "services", "industries",
        "mobility", "security", "analytics", "design", "capital",
    ];

    private static readonly string[] LegalForms = ["GmbH", "B.V.", "AG", "SE", "N.V.", "Ltd", "SAS", "S.p.A.", "AB", "Oy", ""];

    private static readonly string[] Roles =
    [
        "CTO", "CEO", "CFO", "COO", "Head of Sales", "Head of Engineering", "Head of People", "Recruiter", "Talent Acquisition Lead",
        "Software Engineer", "Senior Software Engineer", "Data Engineer", "Data Scientist", "Product Manager", "Product Owner",
        "Designer", "Account Manager", "Account Executive", "Sales Manager", "Marketing Manager", "Operations Manager",
        "Project Manager", "Nurse", "Physician", "Electrician", "Mechanic", "Logistics Planner", "Warehouse Lead", "Controller",
        "Accountant", "Lawyer", "Consultant", "Architect", "Civil Engineer", "Teacher", "Chef", "Pilot", "Cabin Crew", "Driver",
        "Procurement Lead",
    ];

    private static readonly string[] Cities =
    [
        "Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag", "Berlin", "München", "Hamburg", "Köln", "Frankfurt", "Düsseldorf",
        "Stuttgart", "Wien", "Zürich", "Basel", "Paris", "Lyon", "Brussel", "Antwerpen", "Gent", "London", "Dublin", "Madrid",
        "Barcelona", "Lisboa", "Milano", "Roma", "København", "Stockholm", "Oslo", "Helsinki", "Warszawa", "Kraków", "Praha",
    ];

    private static readonly string[] NoteOpenings =
    [
        "Call with", "Met", "Emailed", "Intro from", "Follow-up with", "Interview with", "Reference check with", "Demo for",
        "Negotiation with", "Lunch with",
    ];

    private static readonly string[] NoteTopics =
    [
        "about the offer", "about relocation", "on salary expectations", "about the notice period", "about the contract draft",
        "about next steps", "on the technical assessment", "about team fit", "about budget approval", "about the timeline",
        "regarding references", "about the onboarding plan",
    ];

    private static readonly (string Name, double Weight)[] KindWeights =
        [("candidate", 0.50), ("prospect", 0.20), ("client", 0.15), ("supplier", 0.10), ("partner", 0.05)];

    private static readonly string[] AllScopes =
        ["dossiers:read", "dossiers:write", "contacts:read", "contacts:write", "flows:read", "notes:read", "notes:write"];

    // The dense organization's vocabularies: ~30 first names, 30 last names, 20 companies, 10 roles, 10 e-mail domains.
    private static readonly string[] DenseFirstNames =
    [
        "Anna", "Anne", "Maria", "Mark", "Martin", "Jan", "Jana", "Peter", "Paul", "Sophie", "Sara", "Thomas", "Lukas", "Lea", "Emma",
        "Noah", "Elias", "Mila", "Jonas", "Julia", "Felix", "Hannah", "Max", "Laura", "David", "Lena", "Ben", "Clara", "Tim", "Zoë",
    ];

    private static readonly string[] DenseLastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Berg", "Bergmann",
        "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Martens", "Marx", "Koch", "Bauer", "Richter",
        "Klein", "Wolf", "Lange", "Krüger", "Sánchez",
    ];

    private static readonly string[] DenseCompanies =
    [
        "Nordsoft GmbH", "Datawerk AG", "Softline B.V.", "Marquardt Logistik", "Bergland Energie", "Hansa Systems", "Delta Data",
        "Polder Bouw", "Atlas Consult", "Orion Labs", "Vega Media", "Terra Foods", "Aqua Health", "Solar Works", "Pixel Design",
        "Cloudhaus SE", "Medipark", "Agrarmarkt", "Finanzwerk", "Stahlbau Nord",
    ];

    private static readonly string[] DenseRoles =
    [
        "CTO", "CEO", "Head of Sales", "Head of Data", "Software Engineer", "Data Scientist", "Account Manager", "Recruiter",
        "Marketing Manager", "Controller",
    ];

    private static readonly string[] DenseDomains =
    [
        "mail.example", "post.example", "web.example", "inbox.example", "gmx.example", "kpn.example", "ziggo.example",
        "t-online.example", "outlook.example", "proton.example",
    ];

    /// <summary>The five values and their ten pairs: a filter on two kinds matches about 7 of the 15 sets.</summary>
    private static readonly string[][] DenseKinds = KindWeights.Select(k => new[] { k.Name })
        .Concat(KindWeights.SelectMany((a, i) => KindWeights.Skip(i + 1).Select(b => new[] { a.Name, b.Name }))).ToArray();

    /// <summary>A first name five contacts of the dense organization have, and no one else.</summary>
    public const string RareName = "Quirinus";

    /// <summary>
    /// Word starts of 3–6 letters common in the dense organization: each matches 3–20% of its contacts (first and last
    /// names, companies, roles, e-mail domains, several fields at once).
    /// </summary>
    public static readonly string[] DenseSearchTerms = ["mar", "anna", "berg", "soft", "data", "müll", "head", "jan", "kpn", "sophie"];

    /// <summary>
    /// Search terms of 3–5 letters that start words common in this data (each matches thousands of contacts): SPEC §5
    /// matches the start of words, so a word's middle ("ller", "tech" in "Nordtech") would match nothing.
    /// </summary>
    public static readonly string[] CommonSearchTerms = ["mar", "anna", "berg", "soft", "sen", "müll", "van", "head", "jan", "data"];

    public static async Task<DataSet> GenerateAsync(BenchOptions options, HttpClient admin)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(20261129);
        var totalContacts = (long)(1_000_000 * options.Scale);
        var totalDossiers = (long)(1_000_000 * options.Scale);
        var totalLinks = (long)(300_000 * options.Scale);
        var totalNotes = (long)(1_000_000 * options.Scale);

        Console.WriteLine($"data: {Organizations} organizations through the operator API");
        var orgs = new Guid[Organizations];
        for (var i = 0; i < Organizations; i++)
            orgs[i] = (await PostAsync(admin, "/admin/v1/organizations", new { name = $"Bench {i:000}", plan = "growth" })).GetProperty("id").GetGuid();
        var dense = (await PostAsync(admin, "/admin/v1/organizations", new { name = "Bench dense", plan = "growth" })).GetProperty("id").GetGuid();
        var keys = new string[3];
        var keyed = new[] { orgs[0], orgs[1], dense };
        for (var i = 0; i < keyed.Length; i++)
            keys[i] = (await PostAsync(admin, $"/admin/v1/organizations/{keyed[i]}/api-keys", new { name = "bench", scopes = AllScopes }))
                .GetProperty("key").GetString()!;

        await using var dataSource = NpgsqlDataSource.Create(options.Connection);
        await using var connection = await dataSource.OpenConnectionAsync();
        var flows = await FlowsAsync(connection);
        var share = Shares(orgs);

        Console.WriteLine("data: dropping secondary indexes for the load");
        var indexes = await DropSecondaryIndexesAsync(connection, ["contacts", "dossiers", "dossier_contacts", "notes", "members"]);
        await ExecuteAsync(connection, "SET session_replication_role = replica"); // no triggers or FK checks during the load

        var members = await CopyMembersAsync(connection, orgs, share);
        var contactIds = await CopyContactsAsync(connection, orgs, share, totalContacts, random);
        var denseContacts = (long)(1_000_000 * options.Scale);
        await CopyDenseContactsAsync(connection, dense, denseContacts, random);
        var dossiers = await CopyDossiersAsync(connection, orgs, share, totalDossiers, flows, members, random);
        var links = await CopyLinksAsync(connection, dossiers, contactIds, totalLinks, random);
        var notes = await CopyNotesAsync(connection, dossiers, totalNotes, random);

        await ExecuteAsync(connection, "SET session_replication_role = DEFAULT");
        Console.WriteLine($"data: recreating {indexes.Count} indexes");
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
        foreach (var index in indexes)
            await ExecuteAsync(connection, index);
        await RebuildDerivedAsync(connection);
        Console.WriteLine("data: VACUUM ANALYZE");
        await ExecuteAsync(connection, "VACUUM (ANALYZE)");

        var skewedFlow = flows[orgs[0]];
        var ordinaryFlow = flows[orgs[1]];
        var denseFlow = flows[dense];
        return new DataSet
        {
            OrganizationIds = orgs,
            Skewed = new Tenant(orgs[0], keys[0], skewedFlow.Candidate, skewedFlow.CandidateStages, skewedFlow.Sales),
            Ordinary = new Tenant(orgs[1], keys[1], ordinaryFlow.Candidate, ordinaryFlow.CandidateStages, ordinaryFlow.Sales),
            Dense = new Tenant(dense, keys[2], denseFlow.Candidate, denseFlow.CandidateStages, denseFlow.Sales),
            DenseContacts = denseContacts,
            Contacts = totalContacts,
            Dossiers = totalDossiers,
            Links = links,
            Notes = notes,
            GenerationTime = clock.Elapsed,
        };
    }

    /// <summary>The share of every table each organization gets: 30% for the first, the rest evenly.</summary>
    private static double[] Shares(Guid[] orgs) =>
        orgs.Select((_, i) => i == 0 ? SkewShare : (1 - SkewShare) / (orgs.Length - 1)).ToArray();

    private sealed record OrgFlows(Guid Candidate, Guid[] CandidateStages, (Guid Stage, int? DeadlineDays)[] CandidateStageInfo,
        Guid Sales, (Guid Stage, int? DeadlineDays)[] SalesStageInfo);

    private static async Task<Dictionary<Guid, OrgFlows>> FlowsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT f.org_id, f.id, f.type, s.id, s.deadline_days
            FROM flows f JOIN stages s ON s.flow_id = f.id
            WHERE f.is_default
            ORDER BY f.org_id, f.type, s.position
            """, connection);
        var rows = new List<(Guid Org, Guid Flow, string Type, Guid Stage, int? Deadline)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        return rows.GroupBy(r => r.Org).ToDictionary(g => g.Key, g =>
        {
            var candidate = g.Where(r => r.Type == "candidate").ToArray();
            var sales = g.Where(r => r.Type == "sales").ToArray();
            return new OrgFlows(candidate[0].Flow, candidate.Select(r => r.Stage).ToArray(),
                candidate.Select(r => (r.Stage, r.Deadline)).ToArray(), sales[0].Flow, sales.Select(r => (r.Stage, r.Deadline)).ToArray());
        });
    }

    /// <summary>Drops the indexes that back no constraint (a bulk load builds them far faster afterwards); returns their definitions.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, string[] tables)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY (@tables::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, connection);
        command.Parameters.AddWithValue("tables", tables);
        var found = new List<(string Name, string Definition)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                found.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in found)
            await ExecuteAsync(connection, $"DROP INDEX {name}");
        return found.Select(f => f.Definition).ToList();
    }

    private static async Task<Dictionary<Guid, Guid[]>> CopyMembersAsync(NpgsqlConnection connection, Guid[] orgs, double[] share)
    {
        var members = new Dictionary<Guid, Guid[]>();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY members (id, org_id, email, full_name, created_at) FROM STDIN (FORMAT BINARY)");
        for (var o = 0; o < orgs.Length; o++)
        {
            var count = o == 0 ? 40 : 6;
            members[orgs[o]] = new Guid[count];
            for (var m = 0; m < count; m++)
            {
                var id = Guid.CreateVersion7(Start);
                members[orgs[o]][m] = id;
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(orgs[o], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"member{m}@bench{o}.example", NpgsqlDbType.Citext);
                await writer.WriteAsync($"{FirstNames[m % FirstNames.Length]} {LastNames[(m * 7) % LastNames.Length]}", NpgsqlDbType.Text);
                await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
            }
        }
        await writer.CompleteAsync();
        return members;
    }

    /// <summary>Rows per organization for <paramref name="total"/> rows: the shares, rounded, the remainder to the first.</summary>
    private static long[] Split(long total, double[] share)
    {
        var counts = share.Select(s => (long)(total * s)).ToArray();
        counts[0] += total - counts.Sum();
        return counts;
    }

    private static DateTimeOffset RandomTime(Random random) =>
        Start + TimeSpan.FromSeconds(random.NextDouble() * Span.TotalSeconds);

    private static string Ascii(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
            if (ch < 128 && (char.IsLetterOrDigit(ch) || ch == '.'))
                ascii.Append(char.ToLowerInvariant(ch));
        return ascii.ToString();
    }

    private static string Company(Random random) =>
        $"{CompanyStems[random.Next(CompanyStems.Length)]}{CompanyTails[random.Next(CompanyTails.Length)]} {LegalForms[random.Next(LegalForms.Length)]}".Trim();

    private static async Task<Dictionary<Guid, Guid[]>> CopyContactsAsync(NpgsqlConnection connection, Guid[] orgs, double[] share,
        long total, Random random)
    {
        Console.WriteLine($"data: {total:N0} contacts");
        var counts = Split(total, share);
        var ids = new Dictionary<Guid, Guid[]>();
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY contacts (id, org_id, full_name, email, phone, linkedin_url, company, role, city, kinds, notes, pool_until,
                           created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """);
        for (var o = 0; o < orgs.Length; o++)
        {
            var orgIds = ids[orgs[o]] = new Guid[counts[o]];
            for (var n = 0; n < counts[o]; n++)
            {
                var first = FirstNames[random.Next(FirstNames.Length)];
                var last = LastNames[random.Next(LastNames.Length)];
                var company = random.NextDouble() < 0.8 ? Company(random) : null;
                var created = RandomTime(random);
                var id = Guid.CreateVersion7(created);
                orgIds[n] = id;
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(orgs[o], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"{first} {last}", NpgsqlDbType.Text);
                if (random.NextDouble() < 0.9)
                    await writer.WriteAsync($"{Ascii(first)}.{Ascii(last)}.{n}@{(company is null ? "mail" : Ascii(company.Split(' ')[0]))}.example", NpgsqlDbType.Citext);
                else
                    await writer.WriteNullAsync();
                await WriteOrNullAsync(writer, random.NextDouble() < 0.6 ? $"+31 6 {random.Next(10_000_000, 99_999_999)}" : null);
                await WriteOrNullAsync(writer, random.NextDouble() < 0.3 ? $"https://www.linkedin.com/in/{Ascii(first)}-{Ascii(last)}-{n}" : null);
                await WriteOrNullAsync(writer, company);
                await WriteOrNullAsync(writer, random.NextDouble() < 0.7 ? Roles[random.Next(Roles.Length)] : null);
                await WriteOrNullAsync(writer, random.NextDouble() < 0.6 ? Cities[random.Next(Cities.Length)] : null);
                await writer.WriteAsync(Kinds(random), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await WriteOrNullAsync(writer, random.NextDouble() < 0.2 ? $"{NoteOpenings[random.Next(NoteOpenings.Length)]} {first} {NoteTopics[random.Next(NoteTopics.Length)]}." : null);
                if (random.NextDouble() < 0.3)
                    await writer.WriteAsync(created + TimeSpan.FromDays(random.Next(30, 720)), NpgsqlDbType.TimestampTz);
                else
                    await writer.WriteNullAsync();
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created + TimeSpan.FromHours(random.Next(0, 2000)), NpgsqlDbType.TimestampTz);
            }
        }
        await writer.CompleteAsync();
        return ids;
    }

    /// <summary>
    /// The dense organization's contacts: every field from a small vocabulary, kinds spread evenly over the 15 sets,
    /// creation times over three years; <see cref="RareName"/> on five of them.
    /// </summary>
    private static async Task CopyDenseContactsAsync(NpgsqlConnection connection, Guid org, long count, Random random)
    {
        Console.WriteLine($"data: {count:N0} contacts of the dense organization");
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY contacts (id, org_id, full_name, email, company, role, kinds, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """);
        for (var n = 0L; n < count; n++)
        {
            var first = n % Math.Max(1, count / 5) == 0 ? RareName : DenseFirstNames[random.Next(DenseFirstNames.Length)];
            var last = DenseLastNames[random.Next(DenseLastNames.Length)];
            var created = RandomTime(random);
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
            await writer.WriteAsync(org, NpgsqlDbType.Uuid);
            await writer.WriteAsync($"{first} {last}", NpgsqlDbType.Text);
            if (random.NextDouble() < 0.9)
                await writer.WriteAsync($"{Ascii(first)}.{Ascii(last)}.{n}@{DenseDomains[random.Next(DenseDomains.Length)]}", NpgsqlDbType.Citext);
            else
                await writer.WriteNullAsync();
            await WriteOrNullAsync(writer, random.NextDouble() < 0.8 ? DenseCompanies[random.Next(DenseCompanies.Length)] : null);
            await WriteOrNullAsync(writer, random.NextDouble() < 0.7 ? DenseRoles[random.Next(DenseRoles.Length)] : null);
            await writer.WriteAsync(DenseKinds[random.Next(DenseKinds.Length)], NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }

    private static string[] Kinds(Random random)
    {
        string Pick()
        {
            var x = random.NextDouble();
            foreach (var (name, weight) in KindWeights)
            {
                if (x < weight) return name;
                x -= weight;
            }
            return KindWeights[^1].Name;
        }
        var first = Pick();
        if (random.NextDouble() >= 0.2) return [first];
        var second = Pick();
        return second == first ? [first] : [first, second];
    }

    private static async Task WriteOrNullAsync(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null) await writer.WriteNullAsync();
        else await writer.WriteAsync(value, NpgsqlDbType.Text);
    }

    private sealed record DossierRef(Guid Id, Guid Org, DateTimeOffset Created);

    private static async Task<Dictionary<Guid, DossierRef[]>> CopyDossiersAsync(NpgsqlConnection connection, Guid[] orgs, double[] share,
        long total, Dictionary<Guid, OrgFlows> flows, Dictionary<Guid, Guid[]> members, Random random)
    {
        Console.WriteLine($"data: {total:N0} dossiers");
        var counts = Split(total, share);
        var refs = new Dictionary<Guid, DossierRef[]>();
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY dossiers (id, org_id, type, name, email, phone, company, role, contact_person, deal_size, deal_currency, status,
                           flow_id, current_stage_id, stage_entered_at, stage_deadline_at, assigned_to, intake_notes, created_at, updated_at)
            FROM STDIN (FORMAT BINARY)
            """);
        for (var o = 0; o < orgs.Length; o++)
        {
            var org = orgs[o];
            var orgRefs = refs[org] = new DossierRef[counts[o]];
            var flow = flows[org];
            var orgMembers = members[org];
            for (var n = 0; n < counts[o]; n++)
            {
                var candidate = random.NextDouble() < 0.6;
                var first = FirstNames[random.Next(FirstNames.Length)];
                var last = LastNames[random.Next(LastNames.Length)];
                var company = Company(random);
                var created = RandomTime(random);
                var id = Guid.CreateVersion7(created);
                orgRefs[n] = new DossierRef(id, org, created);
                var stages = candidate ? flow.CandidateStageInfo : flow.SalesStageInfo;
                var (stage, deadlineDays) = stages[random.Next(stages.Length)];
                var entered = created + TimeSpan.FromHours(random.Next(0, 24 * 60));
                var x = random.NextDouble();
                var status = x < 0.6 ? "active" : x < 0.7 ? "won" : x < 0.85 ? "lost" : "archived";

                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(org, NpgsqlDbType.Uuid);
                await writer.WriteAsync(candidate ? "candidate" : "sales", NpgsqlDbType.Text);
                await writer.WriteAsync(candidate ? $"{first} {last}" : $"{company}, {Roles[random.Next(Roles.Length)]} hiring", NpgsqlDbType.Text);
                if (candidate && random.NextDouble() < 0.8)
                    await writer.WriteAsync($"{Ascii(first)}.{Ascii(last)}.d{n}@mail.example", NpgsqlDbType.Citext);
                else
                    await writer.WriteNullAsync();
                await WriteOrNullAsync(writer, random.NextDouble() < 0.5 ? $"+49 151 {random.Next(1_000_000, 9_999_999)}" : null);
                await WriteOrNullAsync(writer, candidate ? (random.NextDouble() < 0.5 ? company : null) : company);
                await WriteOrNullAsync(writer, random.NextDouble() < 0.6 ? Roles[random.Next(Roles.Length)] : null);
                await WriteOrNullAsync(writer, candidate ? null : $"{first} {last}");
                if (candidate) await writer.WriteNullAsync();
                else await writer.WriteAsync((decimal)random.Next(1_000, 500_000), NpgsqlDbType.Numeric);
                await WriteOrNullAsync(writer, candidate ? null : "EUR");
                await writer.WriteAsync(status, NpgsqlDbType.Text);
                await writer.WriteAsync(candidate ? flow.Candidate : flow.Sales, NpgsqlDbType.Uuid);
                await writer.WriteAsync(stage, NpgsqlDbType.Uuid);
                await writer.WriteAsync(entered, NpgsqlDbType.TimestampTz);
                if (deadlineDays is { } days) await writer.WriteAsync(entered + TimeSpan.FromDays(days), NpgsqlDbType.TimestampTz);
                else await writer.WriteNullAsync();
                if (random.NextDouble() < 0.7) await writer.WriteAsync(orgMembers[random.Next(orgMembers.Length)], NpgsqlDbType.Uuid);
                else await writer.WriteNullAsync();
                await WriteOrNullAsync(writer, random.NextDouble() < 0.3 ? $"{NoteOpenings[random.Next(NoteOpenings.Length)]} {first} {NoteTopics[random.Next(NoteTopics.Length)]}." : null);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(entered, NpgsqlDbType.TimestampTz);
            }
        }
        await writer.CompleteAsync();
        return refs;
    }

    /// <summary>A primary contact for most linked dossiers, a second contact for some; contacts of the same organization.</summary>
    private static async Task<long> CopyLinksAsync(NpgsqlConnection connection, Dictionary<Guid, DossierRef[]> dossiers,
        Dictionary<Guid, Guid[]> contacts, long total, Random random)
    {
        Console.WriteLine($"data: {total:N0} dossier–contact links");
        var written = 0L;
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY dossier_contacts (org_id, dossier_id, contact_id, role_on_dossier, is_primary, linked_at) FROM STDIN (FORMAT BINARY)");
        var allDossiers = dossiers.Values.Sum(d => (long)d.Length);
        foreach (var (org, orgDossiers) in dossiers)
        {
            var orgContacts = contacts[org];
            var target = (long)Math.Round(total * (double)orgDossiers.Length / allDossiers);
            var primaries = (long)(target / 1.2);
            for (var n = 0L; n < primaries && n < orgDossiers.Length && written < total; n++)
            {
                var dossier = orgDossiers[n * orgDossiers.Length / Math.Max(1, primaries)];
                var first = orgContacts[random.Next(orgContacts.Length)];
                await LinkAsync(writer, org, dossier, first, "primary", true, random);
                written++;
                if (written < total && n % 5 == 0 && orgContacts.Length > 1)
                {
                    var second = orgContacts[random.Next(orgContacts.Length)];
                    if (second == first) continue;
                    await LinkAsync(writer, org, dossier, second, "hiring_manager", false, random);
                    written++;
                }
            }
        }
        await writer.CompleteAsync();
        return written;
    }

    private static async Task LinkAsync(NpgsqlBinaryImporter writer, Guid org, DossierRef dossier, Guid contact, string role, bool primary, Random random)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(org, NpgsqlDbType.Uuid);
        await writer.WriteAsync(dossier.Id, NpgsqlDbType.Uuid);
        await writer.WriteAsync(contact, NpgsqlDbType.Uuid);
        await writer.WriteAsync(role, NpgsqlDbType.Text);
        await writer.WriteAsync(primary, NpgsqlDbType.Boolean);
        await writer.WriteAsync(dossier.Created + TimeSpan.FromMinutes(random.Next(0, 600)), NpgsqlDbType.TimestampTz);
    }

    private static async Task<long> CopyNotesAsync(NpgsqlConnection connection, Dictionary<Guid, DossierRef[]> dossiers, long total, Random random)
    {
        Console.WriteLine($"data: {total:N0} notes");
        var written = 0L;
        var allDossiers = dossiers.Values.Sum(d => (long)d.Length);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY notes (id, org_id, dossier_id, content, is_internal, created_at) FROM STDIN (FORMAT BINARY)");
        foreach (var (org, orgDossiers) in dossiers)
        {
            var count = (long)Math.Round(total * (double)orgDossiers.Length / allDossiers);
            for (var n = 0L; n < count && written < total; n++, written++)
            {
                var dossier = orgDossiers[random.Next(orgDossiers.Length)];
                var at = dossier.Created + TimeSpan.FromHours(random.Next(1, 24 * 90));
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                await writer.WriteAsync(org, NpgsqlDbType.Uuid);
                await writer.WriteAsync(dossier.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync($"{NoteOpenings[random.Next(NoteOpenings.Length)]} {FirstNames[random.Next(FirstNames.Length)]} " +
                                        $"{NoteTopics[random.Next(NoteTopics.Length)]}; next contact in {random.Next(1, 30)} days.", NpgsqlDbType.Text);
                await writer.WriteAsync(random.NextDouble() < 0.7, NpgsqlDbType.Boolean);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }
        }
        await writer.CompleteAsync();
        return written;
    }

    /// <summary>What the application derives from the rows (kept by triggers in normal operation; the load bypassed them).</summary>
    private static async Task RebuildDerivedAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT p.proname FROM pg_proc p WHERE p.proname = 'leadgrid_rebuild_counters'", connection);
        if (await command.ExecuteScalarAsync() is not null)
        {
            Console.WriteLine("data: rebuilding the organizations' counters");
            await ExecuteAsync(connection, "SELECT leadgrid_rebuild_counters()");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ids of one organization's dossiers for the scenarios: a random sample of <paramref name="count"/>.</summary>
    public static async Task<Guid[]> SampleDossierIdsAsync(string connectionString, Guid org, int count, string? status = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT id FROM dossiers TABLESAMPLE SYSTEM (20) REPEATABLE (7)
            WHERE org_id = @org {(status is null ? "" : "AND status = @status AND type = 'candidate'")}
            LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("org", org);
        command.Parameters.AddWithValue("count", count);
        if (status is not null) command.Parameters.AddWithValue("status", status);
        var ids = new List<Guid>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids.ToArray();
    }

    public static string Describe(DataSet data) => string.Create(CultureInfo.InvariantCulture,
        $"{Organizations} organizations, {data.Contacts:N0} contacts, {data.Dossiers:N0} dossiers, {data.Links:N0} links, " +
        $"{data.Notes:N0} notes; one organization holds 30% of each ({data.Contacts * 3 / 10:N0} contacts, {data.Dossiers * 3 / 10:N0} dossiers). " +
        $"Beside them a dense organization of {data.DenseContacts:N0} contacts (no dossiers) from small vocabularies (30 first names, " +
        $"30 last names, 20 companies, 10 roles, 10 e-mail domains, kinds evenly over the 5 values and their 10 pairs), where a " +
        $"common word start matches 3–20% of the rows, and five contacts named {RareName}. " +
        $"Generated in {data.GenerationTime.TotalSeconds:0} s (operator API for organizations and keys, binary COPY for the rest).");
}
