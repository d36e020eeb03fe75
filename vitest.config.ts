import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Unit tests never reach the network; nock is armed in test/setup.ts.
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
});

// biome-ignore lint/style/noDefaultExport: vitest discovers its config through a default export.
export default config;
