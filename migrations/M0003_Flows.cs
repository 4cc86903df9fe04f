using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>Flows and their ordered stages; one default flow per organization and type; unique position per flow.</summary>
[Migration(3, "Flows and stages")]
public sealed class M0003_Flows : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE flows (
            id          uuid PRIMARY KEY,
            org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            type        text NOT NULL CHECK (type IN ('candidate', 'sales')),
            is_default  boolean NOT NULL DEFAULT false,
            created_at  timestamptz NOT NULL,
            UNIQUE (org_id, id)
        );
        CREATE INDEX ix_flows_org_type ON flows (org_id, type, created_at, name, id);
        CREATE UNIQUE INDEX ux_flows_one_default_per_type ON flows (org_id, type) WHERE is_default;

        CREATE TABLE stages (
            id               uuid PRIMARY KEY,
            org_id           uuid NOT NULL,
            flow_id          uuid NOT NULL,
            name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            position         integer NOT NULL CHECK (position >= 1),
            deadline_days    integer NULL CHECK (deadline_days >= 0),
            win_probability  integer NULL CHECK (win_probability BETWEEN 0 AND 100),
            color            text NULL CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
            FOREIGN KEY (org_id, flow_id) REFERENCES flows (org_id, id) ON DELETE CASCADE,
            UNIQUE (org_id, id)
        );
        CREATE UNIQUE INDEX ux_stages_flow_position ON stages (flow_id, position);
        """);

    public override void Down() => Execute.Sql("DROP TABLE stages; DROP TABLE flows;");
}
