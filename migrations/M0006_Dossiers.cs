using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// Dossiers, their contact links, stage history and notes. The database enforces what it can: the current stage
/// belongs to the dossier's own flow (FK on (flow_id, current_stage_id)), the assignee is a member of the same
/// organization, sales-only fields stay empty on candidates, and a dossier has at most one primary contact (partial
/// unique index). Listing indexes follow the filters of GET /dossiers, each ending in the sort (created_at, id).
/// </summary>
[Migration(6, "Dossiers, contact links, stage history, notes")]
public sealed class M0006_Dossiers : Migration
{
    public override void Up() => Execute.Sql("""
        ALTER TABLE members ADD CONSTRAINT members_org_id_id_key UNIQUE (org_id, id);
        ALTER TABLE stages ADD CONSTRAINT stages_flow_id_id_key UNIQUE (flow_id, id);

        CREATE TABLE dossiers (
            id                 uuid PRIMARY KEY,
            org_id             uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            type               text NOT NULL CHECK (type IN ('candidate', 'sales')),
            name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            email              citext NULL CHECK (length(email) BETWEEN 3 AND 254),
            phone              text NULL CHECK (length(phone) BETWEEN 1 AND 50),
            company            text NULL CHECK (length(company) BETWEEN 1 AND 200),
            role               text NULL CHECK (length(role) BETWEEN 1 AND 200),
            contact_person     text NULL CHECK (length(contact_person) BETWEEN 1 AND 200),
            deal_size          numeric(15, 2) NULL CHECK (deal_size >= 0),
            deal_currency      text NULL CHECK (deal_currency ~ '^[A-Z]{3}$'),
            status             text NOT NULL CHECK (status IN ('active', 'won', 'lost', 'archived')),
            flow_id            uuid NOT NULL,
            current_stage_id   uuid NOT NULL,
            stage_entered_at   timestamptz NOT NULL,
            stage_deadline_at  timestamptz NULL,
            assigned_to        uuid NULL,
            intake_notes       text NULL CHECK (length(intake_notes) BETWEEN 1 AND 20000),
            cv_key             text NULL,
            created_at         timestamptz NOT NULL,
            updated_at         timestamptz NOT NULL,
            UNIQUE (org_id, id),
            CHECK (type = 'sales' OR (contact_person IS NULL AND deal_size IS NULL AND deal_currency IS NULL)),
            FOREIGN KEY (org_id, flow_id) REFERENCES flows (org_id, id),
            FOREIGN KEY (flow_id, current_stage_id) REFERENCES stages (flow_id, id),
            FOREIGN KEY (org_id, assigned_to) REFERENCES members (org_id, id) ON DELETE SET NULL (assigned_to)
        );
        CREATE INDEX ix_dossiers_org_created ON dossiers (org_id, created_at DESC, id DESC) WHERE status <> 'archived';
        CREATE INDEX ix_dossiers_org_type_created ON dossiers (org_id, type, created_at DESC, id DESC) WHERE status <> 'archived';
        CREATE INDEX ix_dossiers_org_status_created ON dossiers (org_id, status, created_at DESC, id DESC);
        CREATE INDEX ix_dossiers_org_type_status_created ON dossiers (org_id, type, status, created_at DESC, id DESC);
        CREATE INDEX ix_dossiers_org_stage_created ON dossiers (org_id, current_stage_id, created_at DESC, id DESC);
        CREATE INDEX ix_dossiers_org_assignee_created ON dossiers (org_id, assigned_to, created_at DESC, id DESC)
            WHERE assigned_to IS NOT NULL;
        CREATE INDEX ix_dossiers_org_updated ON dossiers (org_id, updated_at);
        CREATE INDEX ix_dossiers_org_deadline ON dossiers (org_id, stage_deadline_at) WHERE stage_deadline_at IS NOT NULL;

        CREATE TABLE dossier_contacts (
            org_id           uuid NOT NULL,
            dossier_id       uuid NOT NULL,
            contact_id       uuid NOT NULL,
            role_on_dossier  text NOT NULL CHECK (role_on_dossier IN
                                 ('primary', 'hiring_manager', 'decision_maker', 'champion', 'gatekeeper', 'introducer', 'other')),
            is_primary       boolean NOT NULL DEFAULT false,
            linked_at        timestamptz NOT NULL,
            PRIMARY KEY (dossier_id, contact_id),
            FOREIGN KEY (org_id, dossier_id) REFERENCES dossiers (org_id, id) ON DELETE CASCADE,
            FOREIGN KEY (org_id, contact_id) REFERENCES contacts (org_id, id) ON DELETE CASCADE
        );
        CREATE UNIQUE INDEX ux_dossier_contacts_one_primary ON dossier_contacts (dossier_id) WHERE is_primary;
        CREATE INDEX ix_dossier_contacts_contact ON dossier_contacts (contact_id);

        CREATE TABLE stage_history (
            id             uuid PRIMARY KEY,
            org_id         uuid NOT NULL,
            dossier_id     uuid NOT NULL,
            from_stage_id  uuid NULL,
            to_stage_id    uuid NOT NULL,
            changed_at     timestamptz NOT NULL,
            FOREIGN KEY (org_id, dossier_id) REFERENCES dossiers (org_id, id) ON DELETE CASCADE
        );
        CREATE INDEX ix_stage_history_dossier ON stage_history (dossier_id, changed_at);

        CREATE TABLE notes (
            id           uuid PRIMARY KEY,
            org_id       uuid NOT NULL,
            dossier_id   uuid NOT NULL,
            content      text NOT NULL CHECK (length(content) BETWEEN 1 AND 20000),
            is_internal  boolean NOT NULL,
            created_at   timestamptz NOT NULL,
            FOREIGN KEY (org_id, dossier_id) REFERENCES dossiers (org_id, id) ON DELETE CASCADE
        );
        CREATE INDEX ix_notes_dossier_created ON notes (dossier_id, created_at, id);
        """);

    public override void Down() => Execute.Sql("""
        DROP TABLE notes;
        DROP TABLE stage_history;
        DROP TABLE dossier_contacts;
        DROP TABLE dossiers;
        ALTER TABLE stages DROP CONSTRAINT stages_flow_id_id_key;
        ALTER TABLE members DROP CONSTRAINT members_org_id_id_key;
        """);
}
