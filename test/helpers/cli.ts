import { main } from '../../electron/cli/main';

/** Run the CLI in-process, capturing what a person would see. */
export async function runCli(
  args: string[],
  lang: 'es' | 'en' | 'quz' = 'en',
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => (out += s + '\n'),
    err: (s) => (err += s + '\n'),
    lang,
  });
  return { code, out, err };
}
