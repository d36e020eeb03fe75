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
          include: ['test/unit/**/*.test.ts'],
          // Unit tests never reach the network: nock refuses every host (test/setup-unit.ts).
          setupFiles: ['test/setup-unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Real HTTP on loopback only. nock stays out of this project: its fetch interceptor
          // breaks pass-through requests that carry a body ("Body is unusable").
          setupFiles: ['test/setup-integration.ts'],
        },
      },
    ],
  },
});

// biome-ignore lint/style/noDefaultExport: vitest discovers its config through a default export.
export default config;
