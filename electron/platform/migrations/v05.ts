// Schema migration 5 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 5,
  why: 'Voting rounds: sector votes, show-of-hands counts with double entry, individual ballots (kiosk, paper double entry, .pb import) and the snapshot of who was entitled at closing.',
  up(db) {
    db.exec(`
        CREATE TABLE voting_round (
          id           TEXT PRIMARY KEY,
          position     INTEGER NOT NULL,
          title        TEXT NOT NULL,
          kind         TEXT NOT NULL CHECK (kind IN ('sector', 'hands', 'ballot')),
          ballot_type  TEXT CHECK (ballot_type IN ('approval', 'cumulative', 'ranking', 'knapsack')),
          max_choices  INTEGER,
          total_points INTEGER,
          budget_cents INTEGER,
          double_entry INTEGER NOT NULL CHECK (double_entry IN (0, 1)),
          tie_break    TEXT NOT NULL CHECK (tie_break IN ('lexicographic', 'cost', 'supporters', 'refuse')),
          venue_id     TEXT NOT NULL REFERENCES venue (id) ON DELETE RESTRICT,
          day          TEXT NOT NULL,
          state        TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
          created_at   TEXT NOT NULL,
          opened_at    TEXT,
          closed_at    TEXT,
          snapshot     TEXT,
          CHECK ((kind = 'ballot') = (ballot_type IS NOT NULL)),
          CHECK (state <> 'closed' OR snapshot IS NOT NULL)
        ) STRICT;

        -- Proposal ids (hands, ballot) or sector ids (sector), in ballot order.
        CREATE TABLE round_item (
          round_id TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          item_id  TEXT NOT NULL,
          position INTEGER NOT NULL,
          PRIMARY KEY (round_id, item_id)
        ) STRICT;

        CREATE TABLE hands_entry (
          round_id   TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          item_id    TEXT NOT NULL,
          operator   TEXT NOT NULL CHECK (operator IN ('A', 'B')),
          count      INTEGER NOT NULL CHECK (count >= 0),
          entered_at TEXT NOT NULL,
          PRIMARY KEY (round_id, item_id, operator)
        ) STRICT;

        -- Final ballots. Who voted at the kiosk is in round_voter, deliberately not linked here.
        CREATE TABLE ballot (
          id       TEXT PRIMARY KEY,
          round_id TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          serial   TEXT NOT NULL,
          source   TEXT NOT NULL CHECK (source IN ('kiosk', 'paper', 'import')),
          choices  TEXT NOT NULL,
          points   TEXT,
          cast_at  TEXT NOT NULL,
          UNIQUE (round_id, serial)
        ) STRICT;

        CREATE TABLE round_voter (
          round_id       TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          voter_key      TEXT NOT NULL,
          participant_id TEXT NOT NULL REFERENCES participant (id) ON DELETE RESTRICT,
          voted_at       TEXT NOT NULL,
          PRIMARY KEY (round_id, voter_key)
        ) STRICT;

        CREATE TABLE paper_entry (
          round_id   TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          serial     TEXT NOT NULL,
          typist     TEXT NOT NULL CHECK (typist IN ('A', 'B')),
          choices    TEXT NOT NULL,
          points     TEXT,
          entered_at TEXT NOT NULL,
          PRIMARY KEY (round_id, serial, typist)
        ) STRICT;
      `);
  },
};
