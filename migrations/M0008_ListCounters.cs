using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// Per-organization counters behind exact, cheap list totals (SPEC §1): dossiers by (type, status, stage), contacts
/// by their set of kinds. Statement-level triggers keep them in the writing transaction, so a total is as exact as a
/// count(*) in the same snapshot. Each counter is split over 32 shards, one per database session (its process id
/// modulo 32): a total is the sum over shards, so a −1 need not meet its +1 in the same shard, and concurrent
/// transactions — each on its own pooled connection — update different counter rows instead of queueing behind one
/// another's row lock until commit (measured with shards picked by row id: 32 writers spent most of their time
/// waiting on transaction locks). One trigger statement changes its counters in key order, so two writers that do
/// share a shard never lock them in opposite orders.
/// </summary>
[Migration(8, "List counters")]
public sealed class M0008_ListCounters : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE FUNCTION leadgrid_shard() RETURNS smallint
            LANGUAGE sql STABLE PARALLEL SAFE
            RETURN (pg_backend_pid() & 31)::smallint;

        -- The set of a contact's kinds as bits, in this order (the application's ContactCountRow uses the same).
        CREATE FUNCTION leadgrid_kinds_mask(kinds text[]) RETURNS smallint
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN (SELECT coalesce(bit_or(1 << (array_position(ARRAY['candidate', 'prospect', 'client', 'supplier', 'partner'], k) - 1)), 0)
                    FROM unnest(kinds) AS k)::smallint;

        CREATE TABLE dossier_counts (
            org_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            type      text NOT NULL,
            status    text NOT NULL,
            stage_id  uuid NOT NULL,
            shard     smallint NOT NULL,
            n         bigint NOT NULL,
            PRIMARY KEY (org_id, type, status, stage_id, shard)
        );

        CREATE TABLE contact_counts (
            org_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            kinds   smallint NOT NULL,
            shard   smallint NOT NULL,
            n       bigint NOT NULL,
            PRIMARY KEY (org_id, kinds, shard)
        );

        -- Deltas of one statement, netted per counter and applied in key order. Rows of an organization that is being
        -- deleted are skipped: its counters go with it.
        """ + CountFunction("leadgrid_count_dossiers", "dossier_counts", ["org_id", "type", "status", "stage_id", "shard"],
            "org_id, type, status, current_stage_id, leadgrid_shard()")
        + CountFunction("leadgrid_count_contacts", "contact_counts", ["org_id", "kinds", "shard"],
            "org_id, leadgrid_kinds_mask(kinds), leadgrid_shard()")
        + Triggers("dossiers", "leadgrid_count_dossiers") + Triggers("contacts", "leadgrid_count_contacts") + """

        -- Counters from the rows themselves: for existing data now, and after a bulk load that bypassed the triggers.
        CREATE FUNCTION leadgrid_rebuild_counters() RETURNS void LANGUAGE sql AS $$
            DELETE FROM dossier_counts;
            INSERT INTO dossier_counts (org_id, type, status, stage_id, shard, n)
            SELECT org_id, type, status, current_stage_id, 0, count(*)
            FROM dossiers GROUP BY 1, 2, 3, 4, 5;
            DELETE FROM contact_counts;
            INSERT INTO contact_counts (org_id, kinds, shard, n)
            SELECT org_id, leadgrid_kinds_mask(kinds), 0, count(*)
            FROM contacts GROUP BY 1, 2, 3;
        $$;
        SELECT leadgrid_rebuild_counters();
        """);

    /// <summary>
    /// A trigger function that applies one statement's changes to a counter table: +1 per new row, −1 per old row,
    /// netted per key. A transition table exists only for the events that have it, so each event has its own statement.
    /// </summary>
    private static string CountFunction(string name, string table, string[] key, string keyOfRow)
    {
        var keys = string.Join(", ", key);
        var netted = string.Join(", ", key.Select(k => "d." + k));
        string Apply(string deltas) => $"""
                INSERT INTO {table} AS c ({keys}, n)
                SELECT {netted}, sum(d.delta)
                FROM ({deltas}) AS d ({keys}, delta)
                WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = d.org_id)
                GROUP BY {netted}
                HAVING sum(d.delta) <> 0
                ORDER BY {netted}
                ON CONFLICT ({keys}) DO UPDATE SET n = c.n + EXCLUDED.n;
        """;
        var added = $"SELECT {keyOfRow}, 1 FROM leadgrid_new";
        var removed = $"SELECT {keyOfRow}, -1 FROM leadgrid_old";
        return $"""

            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
            {Apply(added)}
                ELSIF TG_OP = 'UPDATE' THEN
            {Apply(added + " UNION ALL " + removed)}
                ELSE
            {Apply(removed)}
                END IF;
                RETURN NULL;
            END $$;
            """;
    }

    /// <summary>One statement-level trigger per operation (a trigger with transition tables serves one event).</summary>
    private static string Triggers(string table, string function) => $"""

        CREATE TRIGGER {table}_count_insert AFTER INSERT ON {table}
            REFERENCING NEW TABLE AS leadgrid_new FOR EACH STATEMENT EXECUTE FUNCTION {function}();
        CREATE TRIGGER {table}_count_update AFTER UPDATE ON {table}
            REFERENCING OLD TABLE AS leadgrid_old NEW TABLE AS leadgrid_new FOR EACH STATEMENT EXECUTE FUNCTION {function}();
        CREATE TRIGGER {table}_count_delete AFTER DELETE ON {table}
            REFERENCING OLD TABLE AS leadgrid_old FOR EACH STATEMENT EXECUTE FUNCTION {function}();
        """;

    public override void Down() => Execute.Sql("""
        DROP TRIGGER dossiers_count_insert ON dossiers;
        DROP TRIGGER dossiers_count_update ON dossiers;
        DROP TRIGGER dossiers_count_delete ON dossiers;
        DROP TRIGGER contacts_count_insert ON contacts;
        DROP TRIGGER contacts_count_update ON contacts;
        DROP TRIGGER contacts_count_delete ON contacts;
        DROP FUNCTION leadgrid_rebuild_counters();
        DROP FUNCTION leadgrid_count_dossiers();
        DROP FUNCTION leadgrid_count_contacts();
        DROP TABLE contact_counts;
        DROP TABLE dossier_counts;
        DROP FUNCTION leadgrid_kinds_mask(text[]);
        DROP FUNCTION leadgrid_shard();
        """);
}
