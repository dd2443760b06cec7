/**
 * Named migrations, applied in order once each (table schema_migrations). Never edit one that has
 * shipped: add a new one. Every table is scoped by commune_id and indexed by it first, so each
 * query of a device touches only its commune (and the tables can be partitioned by commune).
 * Times are epoch ms in bigint columns, like Instant in the domain.
 */
import type { Sql } from '../store/db';
import { refoldAllDossiers } from './refoldDossiers';

export type Migration = {
  readonly name: string;
  readonly up: string;
  /** A step SQL alone cannot do (refolding stored states with the domain), in the same transaction, after `up`. */
  readonly then?: (tx: Sql) => Promise<void>;
};

export const MIGRATIONS: readonly Migration[] = [
  {
    name: '001_communes_users',
    up: `
      CREATE TABLE communes (
        id text PRIMARY KEY,
        name text NOT NULL,
        agency_code text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        commune_id text NOT NULL REFERENCES communes(id),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('officer', 'supervisor')),
        pin jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        updated_at bigint NOT NULL
      );
      CREATE INDEX users_commune ON users (commune_id);`,
  },
  {
    name: '002_devices_enrollment',
    up: `
      CREATE TABLE devices (
        id text PRIMARY KEY,
        commune_id text NOT NULL REFERENCES communes(id),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('counter', 'kiosk', 'supervisor')),
        token_hash text NOT NULL UNIQUE,
        code_slot integer CHECK (code_slot BETWEEN 1 AND 99),
        export_key text NOT NULL,
        enrolled_at bigint NOT NULL,
        revoked_at bigint,
        last_status jsonb,
        last_seen_at bigint,
        app_version text,
        UNIQUE (commune_id, code_slot)
      );
      CREATE INDEX devices_commune ON devices (commune_id);
      CREATE TABLE enrollment_codes (
        code_hash text PRIMARY KEY,
        commune_id text NOT NULL REFERENCES communes(id),
        role text NOT NULL CHECK (role IN ('counter', 'kiosk', 'supervisor')),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint,
        device_id text
      );
      CREATE INDEX enrollment_codes_commune ON enrollment_codes (commune_id);`,
  },
  {
    name: '003_events',
    up: `
      CREATE TABLE events (
        id uuid PRIMARY KEY,
        server_seq bigserial NOT NULL UNIQUE,
        commune_id text NOT NULL REFERENCES communes(id),
        dossier_id text NOT NULL,
        device_id text NOT NULL,
        device_seq bigint NOT NULL,
        actor_id text NOT NULL,
        type text NOT NULL,
        at bigint NOT NULL,
        tz_offset_min integer NOT NULL,
        payload jsonb NOT NULL,
        received_at bigint NOT NULL
      );
      CREATE INDEX events_commune_seq ON events (commune_id, server_seq);
      CREATE INDEX events_commune_dossier ON events (commune_id, dossier_id);
      CREATE INDEX events_device_seq ON events (device_id, device_seq);`,
  },
  {
    name: '004_reference_docs',
    up: `
      CREATE TABLE reference_docs (
        id bigserial PRIMARY KEY,
        commune_id text REFERENCES communes(id),
        kind text NOT NULL CHECK (kind IN ('catalog', 'calendar')),
        version text NOT NULL,
        body jsonb NOT NULL,
        published_at bigint NOT NULL
      );
      CREATE INDEX reference_docs_commune_kind ON reference_docs (commune_id, kind, id DESC);`,
  },
  {
    name: '005_dossiers',
    up: `
      CREATE TABLE dossiers (
        commune_id text NOT NULL REFERENCES communes(id),
        code text NOT NULL,
        status text NOT NULL,
        received_at bigint NOT NULL,
        due_at bigint,
        effective_due_at bigint,
        field_code text NOT NULL,
        procedure_code text NOT NULL,
        received_by text NOT NULL,
        rated boolean NOT NULL,
        conflict_count integer NOT NULL,
        last_seq bigint NOT NULL,
        state jsonb NOT NULL,
        PRIMARY KEY (commune_id, code)
      );
      CREATE INDEX dossiers_commune_seq ON dossiers (commune_id, last_seq);
      CREATE INDEX dossiers_commune_status_due ON dossiers (commune_id, status, due_at);`,
  },
  {
    // Kept Biểu 06 aggregates (src/server/store/aggregatesSql.ts): one row per commune, REP2 mode,
    // month (year·12 + month − 1) and field; flow cells count, stock cells are month-to-month
    // changes (domain stats/bieu06Aggregates.ts). The due-date index finds the few dossiers whose
    // cells differ between now and the end of the current period (due in between).
    name: '006_report_aggregates',
    up: `
      CREATE TABLE report_aggregates (
        commune_id text NOT NULL REFERENCES communes(id),
        mode text NOT NULL CHECK (mode IN ('cutoff15', 'calendar')),
        month integer NOT NULL,
        field_code text NOT NULL,
        carried_over integer NOT NULL DEFAULT 0,
        online integer NOT NULL DEFAULT 0,
        in_person_or_postal integer NOT NULL DEFAULT 0,
        resolved_early integer NOT NULL DEFAULT 0,
        resolved_on_time integer NOT NULL DEFAULT 0,
        resolved_late integer NOT NULL DEFAULT 0,
        in_progress_within_time integer NOT NULL DEFAULT 0,
        in_progress_overdue integer NOT NULL DEFAULT 0,
        withdrawn integer NOT NULL DEFAULT 0,
        stopped integer NOT NULL DEFAULT 0,
        awaiting_supplement integer NOT NULL DEFAULT 0,
        out_of_area integer NOT NULL DEFAULT 0,
        returned integer NOT NULL DEFAULT 0,
        PRIMARY KEY (commune_id, mode, month, field_code)
      );
      CREATE INDEX dossiers_commune_due ON dossiers (commune_id, due_at);`,
  },
  {
    // Upstream office sign-in: sessions of supervisors (tokens stored hashed), and the extra
    // communes a supervisor oversees beyond the one their user belongs to.
    name: '007_upstream_access',
    up: `
      CREATE TABLE upstream_sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX upstream_sessions_user ON upstream_sessions (user_id);
      CREATE TABLE supervisor_communes (
        user_id text NOT NULL REFERENCES users(id),
        commune_id text NOT NULL REFERENCES communes(id),
        PRIMARY KEY (user_id, commune_id)
      );`,
  },
  {
    // The upstream late and at-risk list: open dossiers by the date promised to the citizen.
    name: '008_open_promised_index',
    up: `CREATE INDEX dossiers_commune_open_promised ON dossiers (commune_id, effective_due_at) WHERE (state->>'endedAt') IS NULL;`,
  },
  {
    // REP1a, DUE4, IND1: each supplement round keeps the due date before and after it (so a
    // closed period is judged by the due date then in force), and the kept aggregates gain
    // Decision 766's second-supplement cells; the late list reads open dossiers by their running
    // legal due date (domain timeliness/judge.ts, TIM2 DUE4 APO2), not the promised one. Every stored state is refolded from its events and
    // the kept rows rebuilt from them.
    name: '009_due_history_766',
    up: `
      ALTER TABLE report_aggregates ADD COLUMN second_supplement_resolved integer NOT NULL DEFAULT 0;
      ALTER TABLE report_aggregates ADD COLUMN second_supplement_in_progress integer NOT NULL DEFAULT 0;
      ALTER TABLE dossiers ADD COLUMN running_due_at bigint;
      CREATE INDEX dossiers_commune_open_running ON dossiers (commune_id, running_due_at) WHERE (state->>'endedAt') IS NULL;`,
    then: refoldAllDossiers,
  },
  {
    // SYNC4: actions on a dossier whose intake has not arrived (a kiosk rating pushed while the
    // counter tablet that took the dossier in is offline), kept apart from the event log: pulled
    // by nobody, folded into nothing, counted in no report, until the intake arrives and they are
    // checked (released into events, or refused with the reason).
    name: '010_held_events',
    up: `
      CREATE TABLE held_events (
        id uuid PRIMARY KEY,
        commune_id text NOT NULL REFERENCES communes(id),
        dossier_id text NOT NULL,
        event jsonb NOT NULL,
        held_at bigint NOT NULL,
        state text NOT NULL CHECK (state IN ('held', 'released', 'refused')),
        settled_at bigint,
        reason text
      );
      CREATE INDEX held_events_waiting ON held_events (commune_id, dossier_id) WHERE state = 'held';`,
  },
  {
    // DIG1 files (src/server/files): an upload in progress keeps each received chunk as an object
    // of the object store (durable across a restart, shared by every server instance with S3) and
    // its offset and length here; a verified file's bytes go to the object store under its final
    // key and its row to file_objects. Which files a
    // dossier expects is read from its papersDigitised / resultDigitised events (GIN index).
    name: '011_files',
    up: `
      CREATE TABLE file_objects (
        commune_id text NOT NULL REFERENCES communes(id),
        sha256 text NOT NULL,
        size bigint NOT NULL,
        type text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at bigint NOT NULL,
        PRIMARY KEY (commune_id, sha256)
      );
      CREATE TABLE file_uploads (
        commune_id text NOT NULL REFERENCES communes(id),
        sha256 text NOT NULL,
        size bigint NOT NULL,
        type text NOT NULL,
        received bigint NOT NULL,
        device_id text NOT NULL,
        started_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (commune_id, sha256)
      );
      CREATE TABLE file_chunks (
        commune_id text NOT NULL,
        sha256 text NOT NULL,
        "offset" bigint NOT NULL,
        length integer NOT NULL,
        PRIMARY KEY (commune_id, sha256, "offset"),
        FOREIGN KEY (commune_id, sha256) REFERENCES file_uploads (commune_id, sha256) ON DELETE CASCADE
      );
      CREATE INDEX events_commune_files ON events USING gin ((payload->'files') jsonb_path_ops)
        WHERE type IN ('papersDigitised', 'resultDigitised');`,
  },
  {
    // Personal data protection: upstream passwords (scrypt, never sent to a device), the
    // vault key pair of counter users (pin NULL: an upstream-only user whom no tablet knows), the
    // commune's tablet retention setting, and the access log of personal details, synced up.
    name: '012_credentials_access_log',
    up: `
      ALTER TABLE users ADD COLUMN password jsonb;
      ALTER TABLE users ADD COLUMN vault jsonb;
      ALTER TABLE users ALTER COLUMN pin DROP NOT NULL;
      ALTER TABLE communes ADD COLUMN retention_days integer NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 1 AND 3650);
      CREATE TABLE access_log (
        id text PRIMARY KEY,
        commune_id text NOT NULL REFERENCES communes(id),
        device_id text NOT NULL,
        actor_id text NOT NULL,
        dossier_id text,
        kind text NOT NULL,
        at bigint NOT NULL,
        detail text,
        received_at bigint NOT NULL
      );
      CREATE INDEX access_log_commune_dossier ON access_log (commune_id, dossier_id, at);
      CREATE INDEX access_log_commune_actor ON access_log (commune_id, actor_id, at);`,
  },
  {
    // The outbound queue to the national portal (src/server/connector): one row per dossier, its
    // place in the queue (queue_seq, the first change not yet synced) and its latest change; a
    // lease lets several instances share it (claimed with FOR UPDATE SKIP LOCKED). Every call and
    // answer is kept in connector_attempts.
    name: '013_connector_outbox',
    up: `
      CREATE TABLE connector_outbox (
        commune_id text NOT NULL REFERENCES communes(id),
        code text NOT NULL,
        queue_seq bigint NOT NULL,
        change_seq bigint NOT NULL,
        synced_seq bigint NOT NULL DEFAULT 0,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'synced', 'refused')),
        on_portal boolean NOT NULL DEFAULT false,
        sent_hash text,
        sent_steps jsonb NOT NULL DEFAULT '[]',
        attempts integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until bigint,
        last_attempt_at bigint,
        synced_at bigint,
        error_code text,
        message text,
        PRIMARY KEY (commune_id, code)
      );
      CREATE INDEX connector_outbox_pending ON connector_outbox (queue_seq) WHERE state = 'pending';
      CREATE INDEX connector_outbox_commune_state ON connector_outbox (commune_id, state);
      CREATE TABLE connector_attempts (
        id bigserial PRIMARY KEY,
        commune_id text NOT NULL,
        code text NOT NULL,
        at bigint NOT NULL,
        worker text NOT NULL,
        service text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'refused', 'failed', 'unchanged')),
        http_status integer,
        error_code text,
        message text,
        duration_ms integer NOT NULL
      );
      CREATE INDEX connector_attempts_dossier ON connector_attempts (commune_id, code, id);`,
  },
  {
    // SAT3: each commune's secret for receipt check codes (domain kiosk/receiptCheck.ts). Two v4
    // UUIDs from PostgreSQL's strong random source: 244 random bits, one per existing commune too.
    name: '014_commune_receipt_keys',
    up: `ALTER TABLE communes ADD COLUMN receipt_key text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');`,
  },
  {
    // PD4: one access record may name many dossiers (an exported list); each is a row here, so
    // the log is read per dossier through an index that starts with the commune, like the rest.
    // access_log.dossier_id keeps the dossier of a record that names exactly one. Its kinds are closed.
    name: '015_access_log_dossiers',
    up: `
      ALTER TABLE access_log ADD COLUMN dossier_count integer NOT NULL DEFAULT 0;
      ALTER TABLE access_log ADD CONSTRAINT access_log_kind CHECK (kind IN ('view', 'print', 'export', 'file'));
      CREATE TABLE access_log_dossiers (
        access_id text NOT NULL REFERENCES access_log(id) ON DELETE CASCADE,
        commune_id text NOT NULL,
        dossier_id text NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (access_id, dossier_id)
      );
      CREATE INDEX access_log_dossiers_commune ON access_log_dossiers (commune_id, dossier_id, at);
      CREATE INDEX access_log_commune_at ON access_log (commune_id, at, id);`,
  },
  {
    // The tables every push writes (events, dossiers, connector_outbox) stop checking commune_id
    // against communes row by row: each row a push writes carries the commune of the device that
    // pushed, read joined with its commune in the same request (store/sql/devicesSql.ts), and no
    // commune is ever deleted. The check cost a quarter of the events INSERT on PGlite.
    name: '016_ingest_without_commune_checks',
    up: `
      ALTER TABLE events DROP CONSTRAINT events_commune_id_fkey;
      ALTER TABLE dossiers DROP CONSTRAINT dossiers_commune_id_fkey;
      ALTER TABLE connector_outbox DROP CONSTRAINT connector_outbox_commune_id_fkey;`,
  },
];
