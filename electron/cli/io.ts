import { DEFAULT_LANG, isLang, type Lang, t, type Params } from '../../shared/i18n';

/** Where a command writes; injected so tests capture output without spawning. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  lang: Lang;
  debug: boolean;
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly key: string,
    readonly params?: Params,
  ) {
    super(key);
  }
}

/** A failure the user must see (bad file, refused input): exit code 1, message translated. */
export class CliFailure extends Error {
  constructor(
    readonly key: string,
    readonly params?: Params,
    readonly exitCode = 1,
  ) {
    super(key);
  }
}

export interface Command {
  name: string;
  /** i18n key of the one-line summary shown by `minka --help`. */
  summaryKey: string;
  /** Usage synopsis (command syntax, not translated). */
  usage: string;
  run(args: string[], io: CliIO): Promise<number> | number;
}

export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const fromMinka = env['MINKA_LANG'];
  if (isLang(fromMinka)) return fromMinka;
  const lang = (env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '')
    .slice(0, 3)
    .replace(/[_.]/g, '');
  if (lang === 'quz' || lang === 'qu') return 'quz';
  if (lang === 'en') return 'en';
  return DEFAULT_LANG;
}

export function tr(io: CliIO, key: string, params?: Params): string {
  return t(io.lang, key, params);
}

/** Minimal flag parser: `--name value`, `--flag`, positionals. Unknown flags are usage errors. */
export function parseArgs(
  args: string[],
  spec: { values?: string[]; flags?: string[]; lists?: string[] },
): {
  positionals: string[];
  values: Record<string, string>;
  flags: Set<string>;
  /** Options that may be given more than once, each occurrence in order. */
  lists: Record<string, string[]>;
} {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (spec.values?.includes(name) || spec.lists?.includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError('cli.error.missingValue', { flag: `--${name}` });
        if (spec.lists?.includes(name)) (lists[name] ??= []).push(v);
        else values[name] = v;
      } else if (spec.flags?.includes(name) && eq < 0) {
        flags.add(name);
      } else {
        throw new UsageError('cli.error.unknownOption', { option: a });
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, values, flags, lists };
}
