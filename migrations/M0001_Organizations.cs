using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>Extensions later tables rely on (citext emails, trigram search), organizations and their members.</summary>
[Migration(1, "Organizations and members")]
public sealed class M0001_Organizations : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE EXTENSION IF NOT EXISTS btree_gin;

        CREATE TABLE organizations (
            id          uuid PRIMARY KEY,
            name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            plan        text NOT NULL CHECK (plan IN ('free', 'pro', 'growth')),
            created_at  timestamptz NOT NULL,
            updated_at  timestamptz NOT NULL
        );

        CREATE TABLE members (
            id          uuid PRIMARY KEY,
            org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            email       citext NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
            full_name   text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
            created_at  timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ux_members_org_email ON members (org_id, email);
        """);

    public override void Down() => Execute.Sql("DROP TABLE members; DROP TABLE organizations;");
}
