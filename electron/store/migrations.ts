import type Database from 'better-sqlite3';

/**
 * Numbered schema migrations. PRAGMA user_version holds how many have been applied; each
 * runs once, all pending ones in a single transaction, so a file is never half-migrated.
 * Append new migrations at the end; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  why: string;
  up(db: Database.Database): void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    why: 'The workshop file: identity, setup (venues, sectors, rules) and the hash-chained event log.',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE workshop (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          municipality    TEXT NOT NULL,
          ubigeo          TEXT NOT NULL,
          fiscal_year     INTEGER NOT NULL,
          title           TEXT NOT NULL,
          envelope_cents  INTEGER NOT NULL CHECK (envelope_cents >= 0),
          quorum_kind     TEXT NOT NULL CHECK (quorum_kind IN ('none', 'percent', 'minimum')),
          quorum_value    INTEGER,
          vote_rule       TEXT NOT NULL CHECK (vote_rule IN ('perOrganization', 'perPerson')),
          tie_break       TEXT NOT NULL CHECK (tie_break IN ('lexicographic', 'cost', 'supporters', 'refuse')),
          min_notice_days INTEGER NOT NULL,
          sealed_at       TEXT
        ) STRICT;

        CREATE TABLE venue (
          id       TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          name     TEXT NOT NULL,
          place    TEXT NOT NULL,
          date     TEXT NOT NULL
        ) STRICT;

        CREATE TABLE sector (
          id       TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          name     TEXT NOT NULL
        ) STRICT;

        -- Append-only: h_i = SHA-256(h_{i-1} || canonical(event_i)), see events.ts.
        CREATE TABLE event (
          seq       INTEGER PRIMARY KEY,
          at        TEXT NOT NULL,
          actor     TEXT NOT NULL,
          type      TEXT NOT NULL,
          payload   TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash      TEXT NOT NULL UNIQUE
        ) STRICT;

        CREATE TRIGGER event_no_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'minka: the event log is append-only'); END;
        CREATE TRIGGER event_no_delete BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'minka: the event log is append-only'); END;
      `);
    },
  },
  {
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
  },
  {
    version: 3,
    why: 'Proposals: intake with sector and proposer, admissibility decisions kept as history, and matters raised off the agenda.',
    up(db) {
      db.exec(`
        CREATE TABLE proposal (
          id                   TEXT PRIMARY KEY,
          code                 TEXT NOT NULL,
          title                TEXT NOT NULL,
          description          TEXT NOT NULL,
          sector_id            TEXT NOT NULL REFERENCES sector (id) ON DELETE RESTRICT,
          community            TEXT NOT NULL,
          organization_id      TEXT REFERENCES organization (id) ON DELETE RESTRICT,
          estimated_cost_cents INTEGER NOT NULL CHECK (estimated_cost_cents >= 0),
          beneficiaries        INTEGER NOT NULL CHECK (beneficiaries >= 0),
          cui                  TEXT NOT NULL,
          cofinancing_cents    INTEGER NOT NULL CHECK (cofinancing_cents >= 0),
          carried_from         TEXT NOT NULL,
          created_at           TEXT NOT NULL,
          updated_at           TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX proposal_code ON proposal (lower(code));

        -- Every decision stays; the newest per proposal (highest seq) is the current one.
        CREATE TABLE proposal_review (
          seq         INTEGER PRIMARY KEY,
          id          TEXT NOT NULL UNIQUE,
          proposal_id TEXT NOT NULL REFERENCES proposal (id) ON DELETE RESTRICT,
          decision    TEXT NOT NULL CHECK (decision IN ('pending', 'admitted', 'rejected')),
          reason      TEXT,
          explanation TEXT NOT NULL,
          decided_at  TEXT NOT NULL,
          CHECK (decision <> 'rejected' OR (reason IS NOT NULL AND explanation <> ''))
        ) STRICT;
        CREATE INDEX proposal_review_proposal ON proposal_review (proposal_id, seq);

        CREATE TABLE matter_raised (
          id             TEXT PRIMARY KEY,
          text           TEXT NOT NULL,
          raised_by      TEXT NOT NULL,
          participant_id TEXT REFERENCES participant (id) ON DELETE RESTRICT,
          raised_at      TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    why: 'Criteria matrix and results: weighted criteria, the technical team scores per proposal, the weight of votes in the combined score, and the selection rule chosen in setup.',
    up(db) {
      db.exec(`
        ALTER TABLE workshop ADD COLUMN selection_rule TEXT NOT NULL DEFAULT 'greedy' CHECK (selection_rule IN ('greedy', 'mes'));

        CREATE TABLE criterion (
          id        TEXT PRIMARY KEY,
          position  INTEGER NOT NULL,
          name      TEXT NOT NULL,
          weight    INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
          scale_max INTEGER NOT NULL CHECK (scale_max BETWEEN 1 AND 1000)
        ) STRICT;

        CREATE TABLE criterion_score (
          proposal_id  TEXT NOT NULL REFERENCES proposal (id) ON DELETE RESTRICT,
          criterion_id TEXT NOT NULL REFERENCES criterion (id) ON DELETE RESTRICT,
          score        INTEGER NOT NULL CHECK (score >= 0),
          scored_by    TEXT NOT NULL,
          scored_at    TEXT NOT NULL,
          PRIMARY KEY (proposal_id, criterion_id)
        ) STRICT;

        CREATE TABLE criteria_settings (
          id           INTEGER PRIMARY KEY CHECK (id = 1),
          votes_weight INTEGER NOT NULL CHECK (votes_weight BETWEEN 0 AND 100)
        ) STRICT;

        -- The published ordinance DOMAIN.md cites: poverty gap 40, basic services 30, technical 30.
        INSERT INTO criterion (id, position, name, weight, scale_max) VALUES
          ('poverty', 0, 'Brecha de pobreza', 40, 10),
          ('services', 1, 'Acceso a servicios básicos', 30, 10),
          ('technical', 2, 'Evaluación técnica', 30, 10);
        INSERT INTO criteria_settings (id, votes_weight) VALUES (1, 50);
      `);
    },
  },
  {
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
  },
  {
    version: 6,
    why: 'Signed minutes: agreements, the oversight committee, closing remarks, the sealed payload with its signatures and PDF, signed addenda; a sealed workshop takes no new events but addenda.',
    up(db) {
      db.exec(`
        CREATE TABLE agreement (
          id          TEXT PRIMARY KEY,
          position    INTEGER NOT NULL,
          text        TEXT NOT NULL,
          responsible TEXT NOT NULL,
          due         TEXT NOT NULL,
          created_at  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE committee_member (
          id             TEXT PRIMARY KEY,
          position       INTEGER NOT NULL,
          participant_id TEXT REFERENCES participant (id) ON DELETE RESTRICT,
          name           TEXT NOT NULL,
          dni            TEXT NOT NULL,
          organization   TEXT NOT NULL,
          role           TEXT NOT NULL CHECK (role IN ('coordinator', 'secretary', 'member', 'alternate'))
        ) STRICT;

        CREATE TABLE minutes_draft (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          closing_remarks TEXT NOT NULL
        ) STRICT;

        -- The sealed minutes: written once, never changed (corrections are addenda).
        CREATE TABLE minutes (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          sealed_at       TEXT NOT NULL,
          payload         TEXT NOT NULL,
          payload_sha256  TEXT NOT NULL,
          signature       TEXT NOT NULL,
          public_key      TEXT NOT NULL,
          key_fingerprint TEXT NOT NULL,
          render          TEXT NOT NULL,
          pdf             BLOB NOT NULL,
          pdf_sha256      TEXT NOT NULL,
          file_name       TEXT NOT NULL
        ) STRICT;

        CREATE TABLE minutes_addendum (
          n               INTEGER PRIMARY KEY,
          created_at      TEXT NOT NULL,
          text            TEXT NOT NULL,
          payload         TEXT NOT NULL,
          payload_sha256  TEXT NOT NULL,
          signature       TEXT NOT NULL,
          pdf             BLOB NOT NULL,
          file_name       TEXT NOT NULL
        ) STRICT;

        CREATE TRIGGER minutes_no_update BEFORE UPDATE ON minutes
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;
        CREATE TRIGGER minutes_no_delete BEFORE DELETE ON minutes
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;
        CREATE TRIGGER minutes_addendum_no_update BEFORE UPDATE ON minutes_addendum
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;
        CREATE TRIGGER minutes_addendum_no_delete BEFORE DELETE ON minutes_addendum
        BEGIN SELECT RAISE(ABORT, 'minka: sealed minutes are never changed'); END;

        -- Backstop under the store's own check: once sealed, only addenda enter the record.
        CREATE TRIGGER event_sealed BEFORE INSERT ON event
        WHEN (SELECT sealed_at FROM workshop WHERE id = 1) IS NOT NULL AND NEW.type <> 'minutes.addendum'
        BEGIN SELECT RAISE(ABORT, 'minka: the workshop is sealed'); END;
        CREATE TRIGGER workshop_unseal BEFORE UPDATE OF sealed_at ON workshop
        WHEN OLD.sealed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'minka: the workshop is sealed'); END;
      `);
    },
  },
  {
    version: 7,
    why: "Follow-up register: earlier years' sealed minutes (signed payloads), the final plans compared with them, notes of what happened since, agreements a person separated, and unfunded agreements carried into this workshop's proposals.",
    up(db) {
      db.exec(`
        -- Earlier years' sealed minutes: the signed payload as signed (canonical JSON), checked
        -- again each time it is read; id is its SHA-256.
        CREATE TABLE followup_minutes (
          id          TEXT PRIMARY KEY,
          fiscal_year INTEGER NOT NULL,
          payload     TEXT NOT NULL,
          signature   TEXT NOT NULL,
          source      TEXT NOT NULL CHECK (source IN ('pdf', 'workshop')),
          file_name   TEXT NOT NULL,
          imported_at TEXT NOT NULL
        ) STRICT;

        -- A final plan compared with those minutes (the reconciliation as a person confirmed it).
        CREATE TABLE followup_plan (
          id          TEXT PRIMARY KEY,
          minutes_id  TEXT NOT NULL REFERENCES followup_minutes (id) ON DELETE RESTRICT,
          file_name   TEXT NOT NULL,
          sha256      TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          report      TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT;

        -- What happened since, with its source: executed, suspended, revived.
        CREATE TABLE followup_note (
          id          TEXT PRIMARY KEY,
          ref         TEXT NOT NULL,
          fiscal_year INTEGER NOT NULL,
          status      TEXT NOT NULL CHECK (status IN ('executed', 'suspended', 'revived')),
          date        TEXT NOT NULL,
          note        TEXT NOT NULL,
          created_at  TEXT NOT NULL
        ) STRICT;

        -- Two agreements a person said are different projects although alike.
        CREATE TABLE followup_unlink (
          a TEXT NOT NULL,
          b TEXT NOT NULL,
          PRIMARY KEY (a, b)
        ) STRICT;

        -- An unfunded agreement carried into this workshop's proposals, with its history then.
        CREATE TABLE followup_carry (
          proposal_id TEXT PRIMARY KEY REFERENCES proposal (id) ON DELETE RESTRICT,
          ref         TEXT NOT NULL,
          history     TEXT NOT NULL,
          carried_at  TEXT NOT NULL
        ) STRICT;

        -- From the next event on, a row's time is its event's own time (the consistency check
        -- compares them exactly; older events keep the window between two events).
        INSERT INTO meta (key, value) VALUES ('exact_times_from', (SELECT coalesce(max(seq), 0) + 1 FROM event));
      `);
    },
  },
  {
    version: 8,
    why: "Open data: whether representatives' names may be published, set in the workshop's setup (off by default).",
    up(db) {
      db.exec(`
        ALTER TABLE workshop ADD COLUMN representatives_public INTEGER NOT NULL DEFAULT 0 CHECK (representatives_public IN (0, 1));
      `);
    },
  },
  {
    version: 9,
    why: 'Beneficiaries counted as a number and a unit ("320 familias"), earlier ones people; a rejection may give further reasons after the main one.',
    up(db) {
      db.exec(`
        ALTER TABLE proposal ADD COLUMN beneficiary_unit TEXT NOT NULL DEFAULT 'people' CHECK (beneficiary_unit IN ('people', 'families', 'students'));
        ALTER TABLE proposal_review ADD COLUMN also_reasons TEXT NOT NULL DEFAULT '[]';
      `);
    },
  },
  {
    version: 10,
    why: 'Secret kiosk ballots: a box with a random key and no voter, time or order, emptied into the close event in content order; the option to apply the sector shares.',
    up(db) {
      db.exec(`
        -- A kiosk ballot while its round is open. WITHOUT ROWID and keyed by random bytes, so
        -- neither a rowid nor the key's order follows the order of casting; no time, no serial,
        -- no voter (who voted is in round_voter). Closing moves the contents, sorted by content,
        -- into the close event and deletes these rows (secure_delete is on).
        CREATE TABLE ballot_box (
          key      BLOB PRIMARY KEY CHECK (length(key) = 16),
          round_id TEXT NOT NULL REFERENCES voting_round (id) ON DELETE RESTRICT,
          choices  TEXT NOT NULL,
          points   TEXT
        ) STRICT, WITHOUT ROWID;

        ALTER TABLE workshop ADD COLUMN sector_split INTEGER NOT NULL DEFAULT 0 CHECK (sector_split IN (0, 1));
      `);
    },
  },
  {
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
  },
  {
    version: 12,
    why: 'A count a venue entered that this workshop refuses (above the people present here) is a conflict of its own, settled before sealing: the conflict table accepts the kind countRefused.',
    up(db) {
      // SQLite cannot change a CHECK: the table is rebuilt with its rows (no triggers, no keys to it).
      db.exec(`
        CREATE TABLE merge_conflict_12 (
          id             TEXT PRIMARY KEY,
          kind           TEXT NOT NULL CHECK (kind IN ('checkIn', 'orgVote', 'proposalEdit', 'roundCounts', 'countRefused')),
          subject        TEXT NOT NULL,
          detail         TEXT NOT NULL,
          found_at       TEXT NOT NULL,
          settled_choice TEXT,
          settled_note   TEXT,
          settled_at     TEXT
        ) STRICT;
        INSERT INTO merge_conflict_12 SELECT id, kind, subject, detail, found_at, settled_choice, settled_note, settled_at FROM merge_conflict;
        DROP TABLE merge_conflict;
        ALTER TABLE merge_conflict_12 RENAME TO merge_conflict;
        -- Which device events no main event applied (the refused counts) is asked on every merge.
        CREATE INDEX applied_event_device ON applied_event (kit_id, device_seq);
      `);
    },
  },
  {
    // Issue "quorum": 13, after issue 20's 12 (the venue conflicts).
    version: 13,
    why: 'The quorum counts read the voters and the agents through partial indexes instead of scanning the registry (20,000 people: ~75 ms a call).',
    up(db) {
      db.exec(`
        -- Accredited people with a vote: how many may vote, and in how many organisations.
        CREATE INDEX participant_voter_org ON participant (organization_id)
          WHERE accreditation = 'accredited' AND voice = 'voiceAndVote';
        -- Of those, the agents (titular, suplente, delegate): the organisations a quorum counts.
        CREATE INDEX participant_agent_org ON participant (organization_id)
          WHERE accreditation = 'accredited' AND voice = 'voiceAndVote'
            AND role IN ('titular', 'suplente', 'delegate');
      `);
    },
  },
];

export const SCHEMA_VERSION = migrations.length;

/** Apply every pending migration in one transaction. Returns the versions applied. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return pending.map((m) => m.version);
}
