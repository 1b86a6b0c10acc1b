// minka verify: which data folder's keys the Acta's key is compared with, and the lines that say
// what was added after Minka's signature and what that folder knows of the key.
import { resolve } from 'node:path';
import { formatDateTime } from '../../../shared/format';
import type { VerifyResult } from '../../../shared/minutes/verify-result';
import { revisionMessage } from '../../../shared/minutes/check-tone';
import { listTrusted } from '../../minutes/trust';
import { listArchive } from '../../minutes/seal';
import { keyInfo } from '../../platform/crypto/keys';
import { defaultDataDir } from '../../platform/paths';
import { type CliIO, tr } from '../io';

/**
 * The keys `verify` compares the Acta's with: one data folder's (its own key, the keys trusted
 * there, the Actas sealed there), chosen by --data, $MINKA_DATA or the default folder. The web
 * host or the app may have been started with another one: the CLI names the folder, and a key
 * that folder does not hold is said as such, not as a key this computer never saw (misc28).
 */
export interface Keyring {
  dir: string;
  source: 'flag' | 'env' | 'default';
  /** No own key, no trusted key, no sealed Acta: the folder can tell nothing about a key. */
  empty: boolean;
}

export function keyringOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Keyring {
  const dir = flag ? resolve(flag) : resolve(defaultDataDir(env));
  return {
    dir,
    source: flag ? 'flag' : env['MINKA_DATA'] ? 'env' : 'default',
    empty: !keyInfo(dir).exists && listTrusted(dir).length === 0 && listArchive(dir).length === 0,
  };
}

/** What was added after Minka's signature, one line each, and the key's status. */
export function revisionLines(io: CliIO, r: VerifyResult, keyring: Keyring | null): string[] {
  const lines = r.revisions.map((x) => {
    const m = revisionMessage(x);
    return tr(io, m.key, m.params);
  });
  if (r.key) {
    // Unknown here is all the folder can say: which folder, and how to name another.
    const status =
      r.key.status === 'new' && keyring
        ? keyring.empty
          ? 'emptyKeyring'
          : 'notInKeyring'
        : r.key.status;
    lines.push(
      tr(io, `minutes.keyStatus.${status}`, {
        key: r.keyFingerprint ?? '—',
        firstSeen: r.key.firstSeen ?? '',
        date: r.key.seenAt ? formatDateTime(r.key.seenAt).slice(0, 10) : '',
        other: r.key.otherKey ?? '',
        dir: keyring?.dir ?? '',
      }),
    );
  }
  if (keyring)
    lines.push(
      tr(io, 'minutes.cli.keyring', {
        dir: keyring.dir,
        source: tr(io, `minutes.cli.keyringSource.${keyring.source}`),
      }),
    );
  return lines;
}
