import { useCallback, useState } from 'react';

/**
 * useState kept in the tab's sessionStorage, so a reload (F5) comes back to the screen the
 * person was on — the open workshop, the section, the round, the operator typing — instead
 * of the home screen (field test fac26: an operator reloaded mid-count, was thrown home, and
 * re-counted rows already saved). Session storage: gone when the window closes, never shared
 * with another tab. `valid` rejects a stored value that no longer fits.
 */
export function useSessionState<T extends string>(
  key: string,
  initial: T,
  valid: (v: string) => v is T = (v): v is T => typeof v === 'string',
): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = read(key);
    return stored !== null && valid(stored) ? stored : initial;
  });
  const set = useCallback(
    (v: T) => {
      write(key, v);
      setValue(v);
    },
    [key],
  );
  return [value, set];
}

export function read(key: string): string | null {
  try {
    return sessionStorage.getItem(`minka.${key}`);
  } catch {
    return null;
  }
}

export function write(key: string, v: string | null): void {
  try {
    if (v === null) sessionStorage.removeItem(`minka.${key}`);
    else sessionStorage.setItem(`minka.${key}`, v);
  } catch {
    // Storage refused (private mode, quota): the screen still works, only a reload forgets.
  }
}
