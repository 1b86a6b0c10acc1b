// Schema migration 9 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 9,
  why: 'Beneficiaries counted as a number and a unit ("320 familias"), earlier ones people; a rejection may give further reasons after the main one.',
  up(db) {
    db.exec(`
        ALTER TABLE proposal ADD COLUMN beneficiary_unit TEXT NOT NULL DEFAULT 'people' CHECK (beneficiary_unit IN ('people', 'families', 'students'));
        ALTER TABLE proposal_review ADD COLUMN also_reasons TEXT NOT NULL DEFAULT '[]';
      `);
  },
};
