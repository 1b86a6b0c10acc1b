import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'test/adversary28/**/*.test.ts',
      'test/adversary29/**/*.test.ts',
      'test/adversary30/**/*.test.ts',
      'test/adversary30b/**/*.test.ts',
      'test/adversary31/**/*.test.ts',
      'test/adversary32/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
