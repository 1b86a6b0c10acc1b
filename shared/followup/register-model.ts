// The follow-up register's shapes (issue 7 §4): what a workshop file holds (minutes, plans,
// notes, carries, unlinks), the entries of a project's timeline, and the projects with their
// state. Pure types and constants; register.ts builds a Register from a RegisterData, and
// register-group.ts groups the agreements into projects. Split from register.ts (issue 19).
import type { AgreedItem, Reconciliation, RejectedItem } from '../plan/reconcile';

/** Names this alike (0..100) are taken for the same project across years, for a person to undo. */
export const LINK_THRESHOLD = 80;

export const NOTE_STATUSES = ['executed', 'suspended', 'revived'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export interface RegisterMinutes {
  /** The signed payload's SHA-256 (hex). */
  id: string;
  fiscalYear: number;
  municipality: string;
  title: string;
  sealedAt: string;
  fingerprint: string;
  keyFingerprint: string;
  source: 'pdf' | 'workshop';
  fileName: string;
  importedAt: string;
  agreed: AgreedItem[];
  /** Admitted and ranked but below the envelope line (only when the minutes have a prioritised list). */
  unfunded: AgreedItem[];
  rejected: RejectedItem[];
}

export interface RegisterPlan {
  id: string;
  minutesId: string;
  fileName: string;
  sha256: string;
  fingerprint: string;
  recordedAt: string;
  report: Reconciliation;
}

export interface RegisterNote {
  id: string;
  ref: string;
  fiscalYear: number;
  status: NoteStatus;
  /** When it happened (YYYY-MM-DD), as the source says. */
  date: string;
  /** What says so: a resolution, an inspection, a newspaper… */
  note: string;
  createdAt: string;
}

export interface RegisterCarry {
  ref: string;
  proposalId: string;
  code: string;
  fiscalYear: number;
  carriedAt: string;
}

export interface RegisterUnlink {
  a: string;
  b: string;
}

export interface RegisterData {
  minutes: RegisterMinutes[];
  /** In the order they were recorded. */
  plans: RegisterPlan[];
  notes: RegisterNote[];
  carries: RegisterCarry[];
  unlinks: RegisterUnlink[];
}

export type EntryKind =
  | 'agreed'
  | 'revived'
  | 'unfunded'
  | 'rejected'
  | 'inPlan'
  | 'amountChanged'
  | 'notInPlan'
  | 'fundedAfterRejection'
  | 'executed'
  | 'suspended'
  | 'carried';

export interface TimelineEntry {
  fiscalYear: number;
  kind: EntryKind;
  /** Which agreement of the project (its ref), its code that year and its name. */
  ref: string;
  code: string;
  title: string;
  /** Agreed, planned or spent amount, as the kind says. */
  amountCents: number | null;
  /** Plan entries: the agreed amount compared with; executed: the PIM. */
  baseCents: number | null;
  /** Where it comes from: a minutes or plan fingerprint, a note's date and text. */
  source: 'minutes' | 'plan' | 'note' | 'carry';
  fingerprint: string;
  date: string;
  note: string;
}

export type ProjectState =
  | 'agreed'
  | 'unfunded'
  | 'inPlan'
  /** In the plan (or executed) although the room rejected it: never shown as an agreed one. */
  | 'fundedAfterRejection'
  | 'executed'
  | 'notInPlan'
  | 'suspended'
  | 'rejected'
  | 'carried';

export interface ProjectLink {
  a: string;
  b: string;
  by: 'cui' | 'name';
  confidence: number | null;
}

export interface Project {
  /** The earliest agreement's ref: stable while nobody imports an even earlier year. */
  key: string;
  title: string;
  cui: string;
  sector: string;
  years: number[];
  refs: string[];
  /** How the agreements were grouped (name links carry their confidence). */
  links: ProjectLink[];
  timeline: TimelineEntry[];
  state: ProjectState;
  /** Agreed (or proposed and left below the line), last seen out of the plan, suspended or unfunded, not yet carried: offer to carry. */
  carryable: boolean;
  /** Latest agreed amount (what a carried proposal starts from). */
  lastAgreedCents: number;
}

export interface Register {
  minutes: (Omit<RegisterMinutes, 'agreed' | 'unfunded' | 'rejected'> & {
    agreedCount: number;
    unfundedCount: number;
    rejectedCount: number;
    plans: Omit<RegisterPlan, 'report'>[];
  })[];
  projects: Project[];
  counts: Record<ProjectState, number>;
  /** Agreements a person said are different projects ("2026 P-001"), so the split can be undone. */
  separated: { a: string; b: string; labelA: string; labelB: string }[];
}

/** The state a project is in when an entry of this kind is its latest. */
export const STATE_OF: Record<EntryKind, ProjectState> = {
  agreed: 'agreed',
  revived: 'agreed',
  unfunded: 'unfunded',
  rejected: 'rejected',
  inPlan: 'inPlan',
  amountChanged: 'inPlan',
  notInPlan: 'notInPlan',
  fundedAfterRejection: 'fundedAfterRejection',
  executed: 'executed',
  suspended: 'suspended',
  carried: 'carried',
};
