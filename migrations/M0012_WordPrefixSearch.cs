using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// SPEC §5 (changed 2026-12-05): a contact search matches the start of words, case- and accent-insensitive, instead of
/// substrings. <c>search_text</c> now holds the four searchable fields folded (unaccented, then lower-cased with ICU)
/// and joined by a unit separator; <c>leadgrid_words</c> cuts that into words, which <c>search_words</c> stores (cut once
/// per write: a filter or a recheck that cut them per row read cost ~50 µs a row), and a GIN index over
/// (org_id, search_words) answers prefix queries (<c>leadgrid_search_query</c>: every word of the query as a prefix).
/// A word is what lies between white space, the unit separator or <c>, ; : / ( ) " ! ? &amp;</c>, and also each
/// part of it between <c>@ . _ + ' ’ -</c> (an email's parts, a double name's halves): the whole address matches
/// too. A query's words are cut at both kinds of separator, so "example.com" or "van-dijk" find their parts. The
/// trigram index goes: nothing else needs it, and it was the costliest part of a contact write.
/// <c>RowFilters.Matches</c> in the application states the same rule for the in-memory evaluator.
/// </summary>
[Migration(12, "Word-prefix contact search")]
public sealed class M0012_WordPrefixSearch : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE EXTENSION IF NOT EXISTS unaccent;

        CREATE FUNCTION leadgrid_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN lower(unaccent('unaccent'::regdictionary, t) COLLATE "und-x-icu");

        CREATE FUNCTION leadgrid_words(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN (SELECT array_to_tsvector(coalesce(array_agg(DISTINCT w), '{}'))
                    FROM regexp_split_to_table(t, '[\s\x1f,;:/()"!?&]+') AS token,
                         LATERAL (SELECT token UNION SELECT regexp_split_to_table(token, '[@._+''’-]+')) AS words(w)
                    WHERE w <> '');

        CREATE FUNCTION leadgrid_search_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN (SELECT string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''') || ''':*', ' & ')::tsquery
                    FROM regexp_split_to_table(leadgrid_fold(q), '[\s\x1f,;:/()"!?&@._+''’-]+') AS w
                    WHERE w <> '');

        -- The four searched fields, folded and joined (a generated column cannot read another one, so both use this).
        CREATE FUNCTION leadgrid_contact_search_text(full_name text, email text, company text, role text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN leadgrid_fold(full_name || E'\x1f' || coalesce(email, '') || E'\x1f' || coalesce(company, '') || E'\x1f' || coalesce(role, ''));

        DROP INDEX ix_contacts_org_search;
        ALTER TABLE contacts DROP COLUMN search_text;
        ALTER TABLE contacts ADD COLUMN search_text text
            GENERATED ALWAYS AS (leadgrid_contact_search_text(full_name, email::text, company, role)) STORED;
        ALTER TABLE contacts ADD COLUMN search_words tsvector
            GENERATED ALWAYS AS (leadgrid_words(leadgrid_contact_search_text(full_name, email::text, company, role))) STORED;
        CREATE INDEX ix_contacts_org_words ON contacts USING gin (org_id, search_words);
        ANALYZE contacts;
        """);

    public override void Down() => Execute.Sql("""
        DROP INDEX ix_contacts_org_words;
        ALTER TABLE contacts DROP COLUMN search_words;
        ALTER TABLE contacts DROP COLUMN search_text;
        ALTER TABLE contacts ADD COLUMN search_text text GENERATED ALWAYS AS (
            lower((full_name || E'\x1f' || coalesce(email::text, '') || E'\x1f' || coalesce(company, '') || E'\x1f' || coalesce(role, '')) COLLATE "und-x-icu")
        ) STORED;
        CREATE INDEX ix_contacts_org_search ON contacts USING gin (org_id, search_text gin_trgm_ops);
        DROP FUNCTION leadgrid_contact_search_text(text, text, text, text);
        DROP FUNCTION leadgrid_search_query(text);
        DROP FUNCTION leadgrid_words(text);
        DROP FUNCTION leadgrid_fold(text);
        """);
}
