import { describe, expect, it } from 'vitest';
import { commands } from './index';

// The list `minka --help` prints is kept apart from the commands' code (so help loads nothing
// heavy); each entry must say exactly what the command it loads says.
describe('the command list', () => {
  it.each(commands.map((c) => [c.name, c] as const))(
    '%s: name, summary and usage equal the command it loads',
    async (_name, entry) => {
      const cmd = await entry.load();
      expect({ name: entry.name, summaryKey: entry.summaryKey, usage: entry.usage }).toEqual({
        name: cmd.name,
        summaryKey: cmd.summaryKey,
        usage: cmd.usage,
      });
    },
  );

  it('has no command twice', () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });
});
