using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>API keys: only the SHA-256 of the key is stored, unique, so authentication is one index probe.</summary>
[Migration(2, "API keys")]
public sealed class M0002_ApiKeys : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE api_keys (
            id            uuid PRIMARY KEY,
            org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            prefix        text NOT NULL,
            secret_hash   bytea NOT NULL CHECK (length(secret_hash) = 32),
            scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0),
            expires_at    timestamptz NULL,
            revoked_at    timestamptz NULL,
            last_used_at  timestamptz NULL,
            created_at    timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ux_api_keys_secret_hash ON api_keys (secret_hash);
        CREATE INDEX ix_api_keys_org_created ON api_keys (org_id, created_at DESC, id DESC);
        """);

    public override void Down() => Execute.Sql("DROP TABLE api_keys;");
}
