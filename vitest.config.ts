import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // test/corpus: issue 13's acceptance tests, the hand-written intake cases and the
          // generated round trip (docs/intake.md, The corpus); pure and fast, so unit tests.
          include: [
            'test/unit/**/*.test.ts',
            'test/corpus/**/*.test.ts',
            'packages/*/test/unit/**/*.test.ts',
          ],
          // Unit tests never reach the network: nock refuses every host (test/setup-unit.ts).
          setupFiles: ['test/setup-unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'packages/*/test/integration/**/*.test.ts'],
          // Real HTTP on loopback only. nock stays out of this project: its fetch interceptor
          // breaks pass-through requests that carry a body ("Body is unusable").
          setupFiles: ['test/setup-integration.ts'],
        },
      },
      {
        extends: true,
        test: {
          // `npm run test:reliability`: faults, restarts, re-deliveries, load and hostile input
          // (docs/RELIABILITY.md). Loopback only, like the integration tests; slower, so it is
          // its own command, and `.ci/run` runs it after `npm test`.
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          setupFiles: ['test/setup-integration.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Load and kill scenarios measure time and memory: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});

// biome-ignore lint/style/noDefaultExport: vitest discovers its config through a default export.
export default config;
