using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// Webhook endpoints, deliveries and their attempts.
/// <list type="bullet">
/// <item>The outbox body becomes <c>json</c>, which keeps the text as written: receivers get the keys in the documented
/// order (id, type, created_at, data, previous) and the signature covers exactly the bytes sent. <c>processed_at</c>
/// now means "fanned out into deliveries".</item>
/// <item>A delivery is one event for one endpoint. While pending, <c>next_attempt_at</c> is when it is due; a dispatcher
/// claims it by moving <c>next_attempt_at</c> to the end of a lease (so a crashed dispatcher's claims come due again),
/// and <c>claim_id</c> to its claim, which the result must match to change the state (a result that comes back after
/// its lease ran out is logged as an attempt but cannot overwrite a newer one). Deliveries of a disabled endpoint are
/// parked at <c>infinity</c>, out of the due range. The due index covers pending rows only, so it stays small however
/// many deliveries are kept.</item>
/// <item><c>webhook_endpoint_queue</c> holds, per endpoint, when it next has a delivery due (or null): dispatchers claim
/// endpoints from it with SKIP LOCKED, then up to that endpoint's free capacity of its due deliveries. So claims cost
/// the number of endpoints with work, not the size of one endpoint's backlog (one organization's flood does not slow
/// everyone's claims), and one endpoint is claimed by one dispatcher at a time, which bounds its requests in flight
/// across instances.</item>
/// <item>Attempts are numbered per delivery (1, 2, …), which is their key.</item>
/// </list>
/// </summary>
[Migration(7, "Webhook endpoints, deliveries and attempts")]
public sealed class M0007_Webhooks : Migration
{
    public override void Up() => Execute.Sql("""
        -- Time-ordered ids for the rows the database creates itself (fan-out), as the application's Guid.CreateVersion7.
        CREATE FUNCTION uuid_v7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
            SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                   52, 1), 53, 1), 'hex')::uuid
        $$;

        ALTER TABLE outbox ALTER COLUMN payload TYPE json USING payload::json;
        ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

        CREATE TABLE webhook_endpoints (
            id                          uuid PRIMARY KEY,
            org_id                      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            url                         text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048 AND url ~ '^https?://'),
            events                      text[] NOT NULL CHECK (cardinality(events) > 0 AND events <@ ARRAY[
                                            'dossier.created', 'dossier.updated', 'dossier.stage_changed',
                                            'dossier.deleted', 'note.created']::text[]),
            secret                      text NOT NULL CHECK (secret LIKE 'whsec\_%'),
            previous_secret             text NULL CHECK (previous_secret LIKE 'whsec\_%'),
            previous_secret_expires_at  timestamptz NULL,
            enabled                     boolean NOT NULL,
            disabled_reason             text NULL CHECK (disabled_reason IN ('manual', 'gone', 'failing')),
            failing_since               timestamptz NULL,
            created_at                  timestamptz NOT NULL,
            updated_at                  timestamptz NOT NULL,
            UNIQUE (org_id, id),
            CHECK (enabled = (disabled_reason IS NULL)),
            CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
        );
        CREATE INDEX ix_webhook_endpoints_org_created ON webhook_endpoints (org_id, created_at DESC, id DESC);

        CREATE TABLE webhook_deliveries (
            id               uuid PRIMARY KEY,
            org_id           uuid NOT NULL,
            endpoint_id      uuid NOT NULL,
            outbox_id        uuid NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
            event_id         text NOT NULL,
            event_type       text NOT NULL,
            state            text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
            attempt_count    integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
            max_attempts     integer NOT NULL CHECK (max_attempts >= 1),
            next_attempt_at  timestamptz NULL,
            claim_id         uuid NULL,
            created_at       timestamptz NOT NULL,
            updated_at       timestamptz NOT NULL,
            FOREIGN KEY (org_id, endpoint_id) REFERENCES webhook_endpoints (org_id, id) ON DELETE CASCADE,
            CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL))
        );
        CREATE INDEX ix_webhook_deliveries_endpoint_due ON webhook_deliveries (endpoint_id, next_attempt_at) WHERE state = 'pending';
        CREATE INDEX ix_webhook_deliveries_in_flight ON webhook_deliveries (endpoint_id) WHERE claim_id IS NOT NULL;
        CREATE INDEX ix_webhook_deliveries_endpoint_created ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
        CREATE INDEX ix_webhook_deliveries_outbox ON webhook_deliveries (outbox_id);
        ALTER TABLE webhook_deliveries SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

        CREATE TABLE webhook_endpoint_queue (
            endpoint_id  uuid PRIMARY KEY REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
            due_at       timestamptz NULL
        );
        CREATE INDEX ix_webhook_endpoint_queue_due ON webhook_endpoint_queue (due_at) WHERE due_at IS NOT NULL;
        ALTER TABLE webhook_endpoint_queue SET (autovacuum_vacuum_scale_factor = 0.02);

        CREATE TABLE webhook_attempts (
            delivery_id    uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
            number         integer NOT NULL CHECK (number >= 1),
            attempted_at   timestamptz NOT NULL,
            status_code    integer NULL CHECK (status_code BETWEEN 100 AND 999),
            duration_ms    integer NOT NULL CHECK (duration_ms >= 0),
            error          text NULL,
            response_body  text NULL,
            PRIMARY KEY (delivery_id, number)
        );
        """);

    public override void Down() => Execute.Sql("""
        DROP TABLE webhook_attempts;
        DROP TABLE webhook_endpoint_queue;
        DROP TABLE webhook_deliveries;
        DROP TABLE webhook_endpoints;
        ALTER TABLE outbox RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor);
        ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
        DROP FUNCTION uuid_v7(timestamptz);
        """);
}
