// The demo workshop: a fictional rural district in Cusco modelled on DOMAIN.md, so every
// screen has realistic data to show. Names of people and the district are invented;
// place names sound like the region's. Each feature adds its part in fillDemo().
import type { Db } from '../platform/db';
import type { Env } from '../workshop/workshop';
import { fillDemoFollowup } from './earlier';
import { fillDemoMinutes } from './minutes';
import { fillDemoProposals } from './proposals';
import { fillDemoCriteria } from './criteria';
import { fillDemoRegistry } from './registry';
import { fillDemoVoting } from './voting';

// In its own file so that the demo's parts can read it without importing this one (no circle).
export { demoSetup } from './setup';

export const DEMO_FILE = 'demo-qollqepata-2027.minka';

/** Fill the feature data of the demo (runs inside the creating transaction). */
export function fillDemo(db: Db, env: Env): void {
  fillDemoRegistry(db, env);
  // Preparing the year: what became of the 2026 agreements (issue 7 §4).
  fillDemoFollowup(db, env);
  fillDemoProposals(db, env);
  // The technical team scores before the prioritisation round closes: closing freezes the result.
  fillDemoCriteria(db, env);
  fillDemoVoting(db, env);
  fillDemoMinutes(db, env);
}

/**
 * The demo's clock: the record reads as if kept on the workshop's days (from 08:00 in Peru,
 * 40 seconds per recorded action), whatever day the demo file is written.
 */
export function demoEnv(base: Env): Env {
  let t = Date.parse('2026-05-14T13:00:00Z');
  return { newId: () => base.newId(), now: () => new Date((t += 40_000)) };
}
