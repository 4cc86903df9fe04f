using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// The transactional outbox: domain events are inserted here in the transaction of the change that raised them;
/// the webhook dispatcher claims pending rows with FOR UPDATE SKIP LOCKED.
/// </summary>
[Migration(4, "Outbox")]
public sealed class M0004_Outbox : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE outbox (
            id            uuid PRIMARY KEY,
            event_id      text NOT NULL UNIQUE CHECK (event_id LIKE 'evt\_%'),
            org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            type          text NOT NULL,
            payload       jsonb NOT NULL,
            created_at    timestamptz NOT NULL,
            processed_at  timestamptz NULL
        );
        CREATE INDEX ix_outbox_pending ON outbox (created_at, id) WHERE processed_at IS NULL;
        CREATE INDEX ix_outbox_org_created ON outbox (org_id, created_at);
        """);

    public override void Down() => Execute.Sql("DROP TABLE outbox;");
}
