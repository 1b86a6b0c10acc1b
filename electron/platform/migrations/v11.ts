// Schema migration 11 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 11,
  why: 'Several venues, several laptops: kits issued for venues, each venue laptop (device) with its own key and hash-chained events, the events merged back verbatim, and the conflicts found between devices with their settlement.',
  up(db) {
    db.exec(`
        -- A kit: a copy of the workshop for one venue, bound to this workshop's chain head and
        -- signed by the facilitator's key. 'issued' on the main file; 'self' in the kit file.
        CREATE TABLE venue_kit (
          id              TEXT PRIMARY KEY,
          role            TEXT NOT NULL CHECK (role IN ('issued', 'self')),
          venue_id        TEXT NOT NULL REFERENCES venue (id) ON DELETE RESTRICT,
          base_seq        INTEGER NOT NULL,
          base_head       TEXT NOT NULL,
          statement       TEXT NOT NULL,
          main_public_key TEXT NOT NULL,
          signature       TEXT NOT NULL,
          created_at      TEXT NOT NULL
        ) STRICT;

        -- The laptop that adopted a kit: its own Ed25519 key (the private half stays on it).
        CREATE TABLE device (
          kit_id      TEXT PRIMARY KEY REFERENCES venue_kit (id) ON DELETE RESTRICT,
          public_key  TEXT NOT NULL,
          adopted_at  TEXT NOT NULL
        ) STRICT;

        -- The device's signature over its chain head, renewed after each of its changes.
        CREATE TABLE device_seal (
          kit_id    TEXT NOT NULL REFERENCES venue_kit (id) ON DELETE RESTRICT,
          length    INTEGER NOT NULL,
          head      TEXT NOT NULL,
          signature TEXT NOT NULL,
          PRIMARY KEY (kit_id, length)
        ) STRICT;

        -- A device's events as its laptop chained them (copied verbatim on merge, so each
        -- device's chain stays verifiable on its own from the kit's base head).
        CREATE TABLE device_event (
          kit_id    TEXT NOT NULL REFERENCES venue_kit (id) ON DELETE RESTRICT,
          seq       INTEGER NOT NULL,
          at        TEXT NOT NULL,
          actor     TEXT NOT NULL,
          type      TEXT NOT NULL,
          payload   TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash      TEXT NOT NULL UNIQUE,
          PRIMARY KEY (kit_id, seq)
        ) STRICT;
        CREATE TRIGGER device_event_no_update BEFORE UPDATE ON device_event
        BEGIN SELECT RAISE(ABORT, 'minka: device events are append-only'); END;
        CREATE TRIGGER device_event_no_delete BEFORE DELETE ON device_event
        BEGIN SELECT RAISE(ABORT, 'minka: device events are append-only'); END;

        -- Which main event applied which device event (the log side, not workshop state).
        CREATE TABLE applied_event (
          main_seq   INTEGER PRIMARY KEY,
          kit_id     TEXT NOT NULL,
          device_seq INTEGER NOT NULL
        ) STRICT;

        -- A walk-in registered at two venues under one DNI: the later one's id points here.
        CREATE TABLE device_alias (
          kit_id  TEXT NOT NULL,
          from_id TEXT NOT NULL,
          to_id   TEXT NOT NULL,
          PRIMARY KEY (kit_id, from_id)
        ) STRICT;

        -- Conflicts between devices: found on merge, listed side by side, settled by a person.
        CREATE TABLE merge_conflict (
          id             TEXT PRIMARY KEY,
          kind           TEXT NOT NULL CHECK (kind IN ('checkIn', 'orgVote', 'proposalEdit', 'roundCounts')),
          subject        TEXT NOT NULL,
          detail         TEXT NOT NULL,
          found_at       TEXT NOT NULL,
          settled_choice TEXT,
          settled_note   TEXT,
          settled_at     TEXT
        ) STRICT;
      `);
  },
};
