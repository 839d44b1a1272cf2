import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/cache-dir-setup.ts'],
  },
});
