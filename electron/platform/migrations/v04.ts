// Schema migration 4 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
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
};
