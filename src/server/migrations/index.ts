/**
 * Named migrations, applied in order once each (table schema_migrations). Never edit one that has
 * shipped: add a new one. Every table is scoped by commune_id and indexed by it first, so each
 * query of a device touches only its commune (and the tables can be partitioned by commune).
 * Times are epoch ms in bigint columns, like Instant in the domain.
 */
export type Migration = { readonly name: string; readonly up: string };

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
];
