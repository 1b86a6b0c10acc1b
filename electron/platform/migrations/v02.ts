// Schema migration 2 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 2,
  why: 'Attendance: the registry of organisations and participants, the convocation log, check-ins per venue and day.',
  up(db) {
    db.exec(`
        CREATE TABLE organization (
          id             TEXT PRIMARY KEY,
          name           TEXT NOT NULL,
          type           TEXT NOT NULL,
          community      TEXT NOT NULL,
          standing_proof TEXT NOT NULL,
          standing_ref   TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX organization_name ON organization (lower(name));

        CREATE TABLE participant (
          id              TEXT PRIMARY KEY,
          dni             TEXT NOT NULL,
          given_names     TEXT NOT NULL,
          surnames        TEXT NOT NULL,
          sex             TEXT NOT NULL CHECK (sex IN ('F', 'M', 'X')),
          language        TEXT NOT NULL,
          organization_id TEXT REFERENCES organization (id) ON DELETE RESTRICT,
          role            TEXT NOT NULL,
          authorization   TEXT NOT NULL,
          voice           TEXT NOT NULL CHECK (voice IN ('voiceAndVote', 'voiceOnly')),
          accreditation   TEXT NOT NULL CHECK (accreditation IN ('pending', 'accredited', 'rejected')),
          created_at      TEXT NOT NULL
        ) STRICT;
        -- A DNI identifies one person; walk-ins without a DNI at hand have ''.
        CREATE UNIQUE INDEX participant_dni ON participant (dni) WHERE dni <> '';
        CREATE INDEX participant_org ON participant (organization_id);

        CREATE TABLE invitation (
          id              TEXT PRIMARY KEY,
          organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,
          sent_on         TEXT NOT NULL,
          channel         TEXT NOT NULL,
          note            TEXT NOT NULL
        ) STRICT;

        CREATE TABLE attendance (
          id              TEXT PRIMARY KEY,
          participant_id  TEXT NOT NULL REFERENCES participant (id) ON DELETE RESTRICT,
          venue_id        TEXT NOT NULL REFERENCES venue (id) ON DELETE RESTRICT,
          day             TEXT NOT NULL,
          checked_in_at   TEXT NOT NULL,
          checked_out_at  TEXT,
          sign_method     TEXT NOT NULL CHECK (sign_method IN ('signature', 'thumbprint', 'ruego')),
          witness         TEXT NOT NULL,
          undone_at       TEXT,
          undo_reason     TEXT NOT NULL DEFAULT ''
        ) STRICT;
        -- At most one open check-in per person, venue and day.
        CREATE UNIQUE INDEX attendance_open ON attendance (participant_id, venue_id, day)
          WHERE undone_at IS NULL AND checked_out_at IS NULL;
      `);
  },
};
