import { defineConfig } from 'vitest/config';

// Tests run TypeScript sources directly: the `@herald/source` export condition points every
// workspace import at `src/`, and oxc emits the decorator metadata Nest's DI needs.
export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  resolve: { conditions: ['@herald/source'] },
  ssr: { resolve: { conditions: ['@herald/source'] } },
  test: {
    include: ['{libs,services,tools,tests}/**/src/**/*.spec.ts'],
    globalSetup: ['./tests/global-setup.ts'],
    setupFiles: ['./tests/print-warnings-on-failure.ts', './tests/no-secrets-in-logs.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
