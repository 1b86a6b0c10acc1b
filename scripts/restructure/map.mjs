// The move map of issue 19, item 3: one folder per feature on the Node side.
//   platform  electron/platform/   db, migrations (one file each), chain (events), replay base,
//                                  atomic files, slug, paths, resources, errors, crypto (keys,
//                                  sign), the PDF kit (document, table, fonts), the handler kit
//   features  electron/<feature>/  store, replay, service, handlers, PDF parts, tests
//   hosts     electron/core/ (dispatch), electron/cli/, electron/web/, electron/main.ts,
//             preload.ts, security*.ts
// A file of electron/ that is neither moved here nor kept (KEEP) stops the script: a file added
// since (by another branch) must be given its place here first.
// Run by scripts/restructure/run.mjs; each entry is old path → new path, tests included.

const feature = (name, files) =>
  Object.fromEntries(Object.entries(files).map(([from, to]) => [from, `electron/${name}/${to}`]));

export const MOVES = {
  // ---- platform ---------------------------------------------------------------------------
  ...feature('platform', {
    'electron/store/db.ts': 'db.ts',
    'electron/store/lock.ts': 'lock.ts',
    'electron/store/statements.ts': 'statements.ts',
    'electron/store/events.ts': 'events.ts',
    'electron/store/replay.ts': 'replay.ts',
    'electron/store/store.test.ts': 'store.test.ts',
    'electron/files/atomic.ts': 'atomic.ts',
    'electron/files/slug.ts': 'slug.ts',
    'electron/paths.ts': 'paths.ts',
    'electron/resources.ts': 'resources.ts',
    'electron/core/errors.ts': 'classify-error.ts',
    'electron/core/handler-kit.ts': 'handler-kit.ts',
    'electron/minutes/keys.ts': 'crypto/keys.ts',
    'electron/minutes/sign.ts': 'crypto/sign.ts',
    'electron/pdf/document.ts': 'pdf/document.ts',
    'electron/pdf/table.ts': 'pdf/table.ts',
    'electron/pdf/table-measure.test.ts': 'pdf/table-measure.test.ts',
    'electron/pdf/font-cache.ts': 'pdf/font-cache.ts',
    'electron/pdf/poppler.ts': 'pdf/poppler.ts',
    'electron/pdf/table-line.ts': 'pdf/table-line.ts',
    'electron/pdf/font-history.test.ts': 'pdf/font-history.test.ts',
    'electron/pdf/qrcode-core.d.ts': 'pdf/qrcode-core.d.ts',
  }),

  // ---- features ---------------------------------------------------------------------------
  ...feature('workshop', {
    'electron/store/workshop.ts': 'workshop.ts',
    'electron/store/workshop.replay.ts': 'workshop.replay.ts',
    'electron/store/setup-lock.ts': 'setup-lock.ts',
    'electron/store/setup-lock.test.ts': 'setup-lock.test.ts',
  }),
  ...feature('registry', {
    'electron/store/registry.ts': 'registry.ts',
    'electron/store/registry.replay.ts': 'registry.replay.ts',
    'electron/store/collation.test.ts': 'collation.test.ts',
    'electron/store/registry-roles.test.ts': 'registry-roles.test.ts',
  }),
  ...feature('attendance', {
    'electron/store/attendance.ts': 'attendance.ts',
    'electron/store/attendance.replay.ts': 'attendance.replay.ts',
    'electron/store/attendance.test.ts': 'attendance.test.ts',
    'electron/store/presence-here.ts': 'presence-here.ts',
    'electron/store/presence-here.test.ts': 'presence-here.test.ts',
    'electron/core/attendance-docs.ts': 'docs.ts',
    'electron/core/handlers-attendance.ts': 'handlers.ts',
    'electron/pdf/attendance-sheet.ts': 'attendance-sheet.ts',
    'electron/pdf/attendance-sheet.test.ts': 'attendance-sheet.test.ts',
    'electron/pdf/accredited-list.ts': 'accredited-list.ts',
    'electron/pdf/accredited-list.test.ts': 'accredited-list.test.ts',
    'electron/pdf/sample-models.ts': 'sample-models.ts',
  }),
  ...feature('proposals', {
    'electron/store/proposals.ts': 'proposals.ts',
    'electron/store/proposals.replay.ts': 'proposals.replay.ts',
    'electron/store/proposals.test.ts': 'proposals.test.ts',
    'electron/store/beneficiaries.test.ts': 'beneficiaries.test.ts',
    'electron/store/rejection-reasons.test.ts': 'rejection-reasons.test.ts',
    'electron/core/handlers-proposals.ts': 'handlers.ts',
    'electron/core/dispatch-proposals.test.ts': 'dispatch.test.ts',
  }),
  ...feature('voting', {
    'electron/store/voting.ts': 'voting.ts',
    'electron/store/voting.replay.ts': 'voting.replay.ts',
    'electron/store/voting.test.ts': 'voting.test.ts',
    'electron/store/voting-blank.test.ts': 'voting-blank.test.ts',
    'electron/store/voting-entitled.test.ts': 'voting-entitled.test.ts',
    'electron/store/eligibility.test.ts': 'eligibility.test.ts',
    'electron/store/voting-export.ts': 'voting-export.ts',
    'electron/store/voting-pb.ts': 'voting-pb.ts',
    'electron/store/voting-not-listed.ts': 'voting-not-listed.ts',
    'electron/store/ballot-box.ts': 'ballot-box.ts',
    'electron/store/ballot-box.replay.ts': 'ballot-box.replay.ts',
    'electron/store/ballot-secrecy.test.ts': 'ballot-secrecy.test.ts',
    'electron/store/event-secrecy.ts': 'event-secrecy.ts',
    'electron/store/round-freeze.ts': 'round-freeze.ts',
    'electron/core/handlers-voting.ts': 'handlers.ts',
    'electron/core/dispatch-voting.test.ts': 'dispatch.test.ts',
    'electron/core/dispatch-secrecy.test.ts': 'dispatch-secrecy.test.ts',
  }),
  ...feature('criteria', {
    'electron/store/criteria.ts': 'criteria.ts',
    'electron/store/criteria.replay.ts': 'criteria.replay.ts',
    'electron/core/handlers-criteria.ts': 'handlers.ts',
    'electron/core/dispatch-criteria.test.ts': 'dispatch.test.ts',
  }),
  ...feature('results', {
    'electron/store/results.ts': 'results.ts',
    'electron/store/results.test.ts': 'results.test.ts',
    'electron/store/results-frozen.test.ts': 'results-frozen.test.ts',
    'electron/store/official.ts': 'official.ts',
    'electron/store/official.test.ts': 'official.test.ts',
    'electron/store/sector-split.test.ts': 'sector-split.test.ts',
    'electron/core/handlers-results.ts': 'handlers.ts',
  }),
  ...feature('minutes', {
    'electron/store/minutes.ts': 'minutes.ts',
    'electron/store/acta-fingerprint.ts': 'acta-fingerprint.ts',
    'electron/store/minutes.replay.ts': 'minutes.replay.ts',
    'electron/core/handlers-minutes.ts': 'handlers.ts',
    'electron/core/dispatch-minutes.test.ts': 'dispatch.test.ts',
    'electron/core/dispatch-signatures.test.ts': 'dispatch-signatures.test.ts',
    'electron/pdf/minutes.ts': 'pdf/minutes.ts',
    'electron/pdf/minutes-blocks.ts': 'pdf/minutes-blocks.ts',
    'electron/pdf/minutes-devices.ts': 'pdf/minutes-devices.ts',
    'electron/pdf/minutes-digital.ts': 'pdf/minutes-digital.ts',
    'electron/pdf/minutes-keycard.ts': 'pdf/minutes-keycard.ts',
    'electron/pdf/minutes-sections.ts': 'pdf/minutes-sections.ts',
    'electron/pdf/minutes-votes.ts': 'pdf/minutes-votes.ts',
    'electron/pdf/minutes-zone.ts': 'pdf/minutes-zone.ts',
    'electron/pdf/minutes-zone.test.ts': 'pdf/minutes-zone.test.ts',
    'electron/pdf/minutes-split.ts': 'pdf/minutes-split.ts',
  }),
  ...feature('plan', {
    'electron/core/handlers-plan.ts': 'handlers.ts',
    'electron/pdf/plan-report.ts': 'plan-report.ts',
  }),
  ...feature('followup', {
    'electron/store/followup.ts': 'followup.ts',
    'electron/store/followup.replay.ts': 'followup.replay.ts',
    'electron/store/followup.test.ts': 'followup.test.ts',
    'electron/store/export-followup.ts': 'followup-export.ts',
    'electron/core/handlers-followup.ts': 'handlers.ts',
    'electron/pdf/followup-report.ts': 'followup-report.ts',
    'electron/pdf/followup-report.test.ts': 'followup-report.test.ts',
  }),
  ...feature('venues', {
    'electron/store/venues.ts': 'venues.ts',
    'electron/store/venues.test.ts': 'venues.test.ts',
    'electron/store/venues-apply.ts': 'venues-apply.ts',
    'electron/store/venues-check.ts': 'venues-check.ts',
    'electron/store/venues-conflicts.ts': 'venues-conflicts.ts',
    'electron/store/venues-merge.ts': 'venues-merge.ts',
    'electron/store/venues-merge.property.test.ts': 'venues-merge.property.test.ts',
    'electron/store/venues-read.ts': 'venues-read.ts',
    'electron/store/venues-refused.ts': 'venues-refused.ts',
    'electron/store/venues-slip.ts': 'venues-slip.ts',
    'electron/store/venues-slip.test.ts': 'venues-slip.test.ts',
    'electron/pdf/venue-slip.ts': 'venue-slip.ts',
    'electron/core/handlers-venues.ts': 'handlers.ts',
    'electron/core/dispatch-venues.test.ts': 'dispatch.test.ts',
  }),
  ...feature('backup', {
    'electron/store/backup.ts': 'backup.ts',
    'electron/store/backup.test.ts': 'backup.test.ts',
    'electron/core/backup-scheduler.ts': 'scheduler.ts',
    'electron/core/handlers-backup.ts': 'handlers.ts',
    'electron/core/backup-ballot-box.test.ts': 'backup-ballot-box.test.ts',
  }),
  // The whole-file check (`minka check`: integrity, chain, every aggregate's replay, results,
  // minutes) and the export (`minka export`): they read every feature, so they sit above them.
  ...feature('check', {
    'electron/store/check.ts': 'check.ts',
    'electron/store/consistency.ts': 'consistency.ts',
    'electron/store/replay.test.ts': 'replay.test.ts',
    'electron/core/dispatch-check.test.ts': 'dispatch.test.ts',
  }),
  ...feature('export', {
    'electron/store/export.ts': 'export.ts',
    'electron/store/export-check.ts': 'export-check.ts',
  }),
};

/** Folders moved whole (every file under them, tests included), prefix → prefix. */
export const MOVE_DIRS = {
  // One file per migration (scripts/restructure/split-migrations.mjs made the folder).
  'electron/store/migrations/': 'electron/platform/migrations/',
};

/**
 * Files and folders (trailing '/') of electron/ that stay where they are: the hosts, the
 * platform folder, and the feature folders whose name is already right (a new file there is in
 * its place). Anything else not in MOVES stops the script.
 */
export const KEEP = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/security.ts',
  'electron/security.test.ts',
  'electron/security-policy.ts',
  'electron/core/core.ts',
  'electron/core/handlers.ts',
  'electron/core/dispatch.test.ts',
  'electron/cli/',
  'electron/web/',
  'electron/demo/',
  'electron/platform/',
  'electron/minutes/',
  'electron/plan/',
  'electron/followup/',
];

/** Folders that must be empty after the move (the old by-kind folders). */
export const EMPTIED = ['electron/store/', 'electron/pdf/', 'electron/files/'];
