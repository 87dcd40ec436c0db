import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

// The messages console (issue 13): a single-page app served by the gateway at /console.
// `npm run build` (root) builds it into services/gateway/dist/console; no CDN, everything bundled.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // Workspace libs (@herald/console-cards) are read from their TypeScript sources.
  resolve: { conditions: ['@herald/source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
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
