import { TIE_BREAKS } from '../../../shared/tally/tiebreak';
import type { Command } from '../io';

/**
 * Every `minka` subcommand, in the order `minka --help` lists them. Each command's code (and
 * what it imports: the store, pdfkit, the tally engine) loads only when that command runs, so
 * `minka --help` and a mistyped command answer at once. The name, summary and usage here are
 * checked against each command's own definition by index.test.ts.
 */
export interface CommandEntry extends Omit<Command, 'run'> {
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  {
    name: 'demo',
    summaryKey: 'cli.demo.summary',
    usage: 'demo --out FILE.minka',
    load: async () => (await import('./workshop')).demoCommand,
  },
  {
    name: 'check',
    summaryKey: 'cli.check.summary',
    usage: 'check FILE.minka [--fingerprint XXXX-XXXX-XXXX-XXXX] [--export FILE.json] [--json]',
    load: async () => (await import('./workshop')).checkCommand,
  },
  {
    name: 'export',
    summaryKey: 'cli.export.summary',
    usage: 'export FILE.minka [--open-data] [--out FILE.json]',
    load: async () => (await import('./workshop')).exportCommand,
  },
  {
    name: 'export-pb',
    summaryKey: 'voting.cli.summary',
    usage: 'export-pb FILE.minka --out FILE.pb [--round ID]',
    load: async () => (await import('./export-pb')).exportPbCommand,
  },
  {
    name: 'tally',
    summaryKey: 'cli.tally.summary',
    usage: `tally FILE.pb [--rule KEY] [--tie-break ${TIE_BREAKS.join('|')}] [--json]`,
    load: async () => (await import('./tally')).tallyCommand,
  },
  {
    name: 'seal',
    summaryKey: 'minutes.cli.seal.summary',
    usage:
      'seal FILE.minka --out minutes.pdf [--lang es|quz|en (default es)] [--no-bilingual] [--slips] [--facilitator NAME] [--p12 CERT.p12] [--confirm WARNING,…] [--data DIR]',
    load: async () => (await import('./minutes')).sealCommand,
  },
  {
    name: 'verify',
    summaryKey: 'minutes.cli.verify.summary',
    usage:
      'verify FILE.pdf [--key XXXX-XXXX-XXXX-XXXX] [--fingerprint XXXX-XXXX] [--data DIR] [--workshop MAIN.minka] [--plan PLAN.csv|PLAN.xlsx] [--json]',
    load: async () => (await import('./minutes')).verifyCommand,
  },
  {
    name: 'cosign',
    summaryKey: 'signatures.cli.cosign.summary',
    usage: 'cosign ACTA.pdf --p12 CERT.p12 --out SIGNED.pdf [--reason TEXT]',
    load: async () => (await import('./minutes')).cosignCommand,
  },
  {
    name: 'keys',
    summaryKey: 'minutes.cli.keys.summary',
    usage:
      'keys [--trust ACTA.pdf | --trust-fingerprint XXXX-XXXX-XXXX-XXXX] [--label NAME] [--municipality NAME] [--data DIR] [--json]',
    load: async () => (await import('./minutes')).keysCommand,
  },
  {
    name: 'kit',
    summaryKey: 'venues.cli.kit.summary',
    usage: 'kit MAIN.minka --venue NAME [--out VENUE.minka] [--no-rounds] [--data DIR]',
    load: async () => (await import('./venues')).kitCommand,
  },
  {
    name: 'merge',
    summaryKey: 'venues.cli.merge.summary',
    usage:
      'merge MAIN.minka|KIT.minka VENUE.minka… (--expect VENUE=XXXX-XXXX-XXXX-XXXX | --no-slip VENUE=REASON)… [--data DIR] [--json]',
    load: async () => (await import('./venues')).mergeCommand,
  },
  {
    name: 'followup',
    summaryKey: 'followup.cli.summary',
    usage: 'followup FILE.minka [--add FILE] [--plan FILE --year YYYY] [--pdf OUT.pdf] [--json]',
    load: async () => (await import('./followup')).followupCommand,
  },
];
