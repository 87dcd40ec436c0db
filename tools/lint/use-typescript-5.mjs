// Makes every `require('typescript')` in the ESLint process load this workspace's TypeScript 5.9.
//
// The repo builds with TypeScript 7, which ships no JS API (`require('typescript')` yields only
// `{ version }`). Several lint dependencies are hoisted to the root node_modules and so resolve the
// root TypeScript 7: ts-api-utils (used by typescript-eslint), @phenomnomnominal/tsquery, and Nx's
// import resolver (`resolveFromWorkspace('typescript')`), which @nx/enforce-module-boundaries uses
// to find the project behind an import. Without this they crash with errors such as
// "Cannot read properties of undefined (reading 'Intrinsic')" or "readConfigFile is not a function".
//
// A synchronous module hook (Node >= 22.15) redirects any module that resolves into a TypeScript
// other than ours to our TypeScript's entry point. Import this module before anything else in
// eslint.config.mjs.
import nodeModule from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const { createRequire, registerHooks } = nodeModule;
if (typeof registerHooks !== 'function') {
  throw new Error(
    `Linting needs Node >= 22.15 (module.registerHooks); this is ${process.version}. ` +
      'Use the Node version in .nvmrc (the root "node" devDependency puts it on npm scripts\' PATH).',
  );
}
const require = createRequire(import.meta.url);
const ownEntry = require.resolve('typescript');
const ownEntryUrl = pathToFileURL(ownEntry).href;
const ownPackageUrl = pathToFileURL(dirname(require.resolve('typescript/package.json')) + '/').href;
const anyTypescriptPackage = /\/node_modules\/typescript\//;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const isOtherTypescript =
      anyTypescriptPackage.test(resolved.url) && !resolved.url.startsWith(ownPackageUrl);
    return isOtherTypescript ? { ...resolved, url: ownEntryUrl, format: 'commonjs' } : resolved;
  },
});
