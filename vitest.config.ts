import { defineConfig } from 'vitest/config';

// Dates are Vietnam time whatever the machine's zone: every test runs with the machine in UTC,
// and the domain tests run a second time with the machine in Asia/Ho_Chi_Minh.
const shared = {
  environment: 'node' as const,
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'tz-utc',
          globalSetup: ['tests/support/globalSetup.ts'],
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/bench/**'],
          env: { TZ: 'UTC' },
        },
      },
      { test: { ...shared, name: 'tz-vn', include: ['tests/domain/**/*.test.ts'], env: { TZ: 'Asia/Ho_Chi_Minh' } } },
    ],
  },
});
