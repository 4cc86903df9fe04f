using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// SPEC §10: the first answer to a POST with an Idempotency-Key, per organization and key, for 24 hours. Written in
/// the request's own transaction, so a created resource never exists without its key's record. Expired records are
/// ignored at once and pruned in the background (the expiry index).
/// </summary>
[Migration(9, "Idempotency keys")]
public sealed class M0009_IdempotencyKeys : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE idempotency_keys (
            org_id        uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
            request_hash  bytea       NOT NULL CHECK (length(request_hash) = 32),
            status        smallint    NOT NULL CHECK (status BETWEEN 100 AND 599),
            content_type  text,
            location      text,
            body          bytea       NOT NULL,
            created_at    timestamptz NOT NULL,
            expires_at    timestamptz NOT NULL,
            PRIMARY KEY (org_id, key)
        );
        CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
        """);

    public override void Down() => Execute.Sql("DROP TABLE idempotency_keys;");
}
