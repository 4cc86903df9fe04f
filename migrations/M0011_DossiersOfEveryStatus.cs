using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// SPEC §4: <c>status=all</c> lists every dossier, archived ones included, newest first; a mirror pages through it by
/// cursor. The existing newest-first indexes are either partial (not archived) or start with a filter column, so that
/// listing needs its own: one range per page, <c>(created_at, id) &lt; (cursor)</c>, without sorting the organization.
/// </summary>
[Migration(11, "Dossiers of every status, newest first")]
public sealed class M0011_DossiersOfEveryStatus : Migration
{
    public override void Up() => Execute.Sql("CREATE INDEX ix_dossiers_org_created_all ON dossiers (org_id, created_at DESC, id DESC);");

    public override void Down() => Execute.Sql("DROP INDEX ix_dossiers_org_created_all;");
}
