using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// Contacts. The email is unique per organization whatever its case (citext). <c>search_text</c> holds the four
/// searchable fields lower-cased with ICU (so "Müller" matches "müller" whatever the database's locale), joined by a
/// unit separator that no search term contains, so a match never spans two fields; a composite GIN index on
/// (org_id, search_text) with trigrams serves substring search within one organization.
/// </summary>
[Migration(5, "Contacts")]
public sealed class M0005_Contacts : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE contacts (
            id            uuid PRIMARY KEY,
            org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            full_name     text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
            email         citext NULL CHECK (length(email) BETWEEN 3 AND 254),
            phone         text NULL CHECK (length(phone) BETWEEN 1 AND 50),
            linkedin_url  text NULL CHECK (length(linkedin_url) BETWEEN 1 AND 2048),
            company       text NULL CHECK (length(company) BETWEEN 1 AND 200),
            role          text NULL CHECK (length(role) BETWEEN 1 AND 200),
            city          text NULL CHECK (length(city) BETWEEN 1 AND 200),
            kinds         text[] NOT NULL DEFAULT '{}'
                          CHECK (kinds <@ ARRAY['candidate', 'prospect', 'client', 'supplier', 'partner']::text[]),
            notes         text NULL CHECK (length(notes) BETWEEN 1 AND 20000),
            pool_until    timestamptz NULL,
            created_at    timestamptz NOT NULL,
            updated_at    timestamptz NOT NULL,
            search_text   text GENERATED ALWAYS AS (
                              lower((full_name || E'\x1f' || coalesce(email::text, '') || E'\x1f'
                                     || coalesce(company, '') || E'\x1f' || coalesce(role, '')) COLLATE "und-x-icu")
                          ) STORED,
            UNIQUE (org_id, id)
        );
        CREATE UNIQUE INDEX ux_contacts_org_email ON contacts (org_id, email) WHERE email IS NOT NULL;
        CREATE INDEX ix_contacts_org_created ON contacts (org_id, created_at DESC, id DESC);
        CREATE INDEX ix_contacts_org_search ON contacts USING gin (org_id, search_text gin_trgm_ops);
        CREATE INDEX ix_contacts_org_kinds ON contacts USING gin (org_id, kinds);
        CREATE INDEX ix_contacts_org_pool ON contacts (org_id, pool_until) WHERE pool_until IS NOT NULL;
        """);

    public override void Down() => Execute.Sql("DROP TABLE contacts;");
}
