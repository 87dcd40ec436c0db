import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

// The messages console (issue 13): a single-page app served by the gateway at /console.
// `npm run build` (root) builds it into services/gateway/dist/console-web (not dist/console: tsc emits
// src/console there, and emptyOutDir would wipe it); no CDN, everything bundled.
const shim = (name) => fileURLToPath(new URL(`./shims/${name}.cjs`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // Workspace libs (@herald/console-cards) are read from their TypeScript sources.
  resolve: {
    conditions: ['@herald/source', ...defaultClientConditions],
    // adaptive-expressions' own browser build breaks at run time: bundle its Node build with stand-ins (shims/README.md).
    alias: [
      { find: /^adaptive-expressions$/, replacement: createRequire(import.meta.url).resolve('adaptive-expressions') },
      ...['assert', 'util', 'os', 'fs'].map((name) => ({ find: new RegExp(`^${name}$`), replacement: shim(name) })),
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console-web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2_500,
    reportCompressedSize: false,
    rolldownOptions: {
      // Fluent UI marks its modules 'use client' (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
