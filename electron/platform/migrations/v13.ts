// Schema migration 13 (see ./migration.ts: never edit one that has shipped).
import type { Migration } from './migration';

export const migration: Migration = {
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
};
