using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// Contact search at a million rows. (1) The newest-first index carries the search text, so a search for a common
/// term reads index entries in page order and stops after the page's rows, and the capped count (SPEC §1) stops after
/// 10,001 matches without touching the table; a rare term still takes the trigram index. (2) The GIN indexes without
/// their pending list: with it (PostgreSQL's default), an insert is cheap until the list reaches 4 MB, then the
/// unlucky insert merges it into the index for hundreds of milliseconds while holding its transaction's locks (the
/// list counters among them), and every search meanwhile reads the whole list. Without it each insert pays for its
/// own index entries: steady write latency.
/// </summary>
[Migration(9, "Contact search indexes")]
public sealed class M0009_ContactSearchIndexes : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE INDEX ix_contacts_org_created_search ON contacts (org_id, created_at DESC, id DESC) INCLUDE (search_text);
        DROP INDEX ix_contacts_org_created;
        ALTER INDEX ix_contacts_org_search SET (fastupdate = off);
        ALTER INDEX ix_contacts_org_kinds SET (fastupdate = off);
        SELECT gin_clean_pending_list('ix_contacts_org_search'), gin_clean_pending_list('ix_contacts_org_kinds');
        """);

    public override void Down() => Execute.Sql("""
        ALTER INDEX ix_contacts_org_search RESET (fastupdate);
        ALTER INDEX ix_contacts_org_kinds RESET (fastupdate);
        CREATE INDEX ix_contacts_org_created ON contacts (org_id, created_at DESC, id DESC);
        DROP INDEX ix_contacts_org_created_search;
        """);
}
