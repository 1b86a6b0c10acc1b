// What every copy of a workshop file undergoes before it is checked and kept, registered by the
// features that know why. Why a hook: backup copies whole files and must not know what they hold
// (the ballot box is voting's secret, issue 14 item 6), while voting naturally depends on backup
// (closing a round takes a copy). So the lower side, backup, owns this small interface and the
// feature that keeps order-revealing rows registers how to rewrite them (voting/ballot-box.ts, at
// load: whatever can write a box has loaded that file, and the core loads every feature's
// handlers). copy-hooks.test.ts fails if the core runs without the box's hook.
import type { Db } from '../platform/db';
import type { MinkaError } from '../platform/errors';

/** Rewrites a fresh copy (its own connection, secure_delete on) so it keeps no order of casting. */
export type CopyHook = (copy: Db) => void;

const hooks = new Map<string, CopyHook>();

/** Run `hook` on every copy backup takes from now on; a name registers once (reloads replace). */
export function onEveryCopy(name: string, hook: CopyHook): void {
  hooks.set(name, hook);
}

/** The registered hooks' names (for the test that the core has the ones it needs). */
export function copyHookNames(): string[] {
  return [...hooks.keys()];
}

export function runCopyHooks(copy: Db): void {
  for (const hook of hooks.values()) hook(copy);
}

/** Why a copy of `source` may not leave the backup folder now (null: it may). */
export type OutgoingCopyGuard = (source: Db) => MinkaError | null;

const guards = new Map<string, OutgoingCopyGuard>();

/** Refuse copies leaving the backup folder while `guard` says so (a name registers once). */
export function onOutgoingCopy(name: string, guard: OutgoingCopyGuard): void {
  guards.set(name, guard);
}

/** Throws the first registered refusal for a copy of `source` that leaves the backup folder. */
export function mayCopyOut(source: Db): void {
  for (const guard of guards.values()) {
    const refusal = guard(source);
    if (refusal) throw refusal;
  }
}
