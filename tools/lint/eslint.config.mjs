// ESLint for the Herald monorepo: @nx/enforce-module-boundaries plus typescript-eslint.
//
//   npm run lint                          (root; runs this workspace's `lint` script)
//   npm run lint:fast -w @herald/lint     (without typescript-eslint's type-checked rules; ~3x faster)
//
// The scripts run ESLint from the workspace root with `--config tools/lint/eslint.config.mjs`,
// which makes the root ESLint's base path: every glob below is relative to the root.
import './use-typescript-5.mjs'; // must stay first: see that file
import { createProjectGraphAsync } from '@nx/devkit';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const typed = process.env.HERALD_LINT_TYPED === '1';
const sourceFiles = [
  '{libs,services,tests}/*/src/**/*.ts',
  'tools/teams-sim/src/**/*.ts',
  'bench/src/**/*.ts',
  // The messages console's browser code (React), typed by its own tsconfig.
  'services/gateway/console/src/**/*.{ts,tsx}',
];
const testFiles = ['**/*.spec.ts', '**/*.spec-helpers.ts'];

// @nx/enforce-module-boundaries reads the *cached* project graph (.nx/workspace-data) and, when
// there is none, prints a warning and checks nothing. Building the graph here refreshes that cache
// on every run, so a fresh CI checkout or a just-edited "nx.tags" is always seen.
const projectGraph = await createProjectGraphAsync({ exitOnError: true });
const testScopedProjects = Object.values(projectGraph.nodes).filter((project) =>
  project.data.tags?.includes('scope:test'),
);

// SDKs that stay inside the lib wrapping them (STYLE.md, "Avoid").
const sdksWrappedByLibs = [
  '@nats-io/*',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'passport-azure-ad',
];

const moduleBoundaries = [
  'error',
  {
    // Every npm import must be declared in the project's package.json (or the root one), not
    // merely reachable through hoisting.
    banTransitiveDependencies: true,
    depConstraints: [
      {
        sourceTag: 'type:service',
        onlyDependOnLibsWithTags: ['type:lib'],
        bannedExternalImports: sdksWrappedByLibs,
      },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      {
        sourceTag: 'type:tool',
        onlyDependOnLibsWithTags: ['type:lib'],
        bannedExternalImports: sdksWrappedByLibs,
      },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
    ],
  },
];

// Specs (not production code) may also start teams-sim, the stand-in for Microsoft's cloud
// (STYLE.md, Tests): a lib's int spec gets its Entra tokens there, over real HTTP.
const specModuleBoundaries = [
  moduleBoundaries[0],
  {
    ...moduleBoundaries[1],
    depConstraints: moduleBoundaries[1].depConstraints.map((constraint) =>
      constraint.onlyDependOnLibsWithTags.includes('*')
        ? constraint
        : { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:tool'] },
    ),
  },
];

// "scope:test libs only from test code" is not a depConstraint: `notDependOnLibsWithTags` follows
// the project graph transitively, and the graph has an edge for every devDependency, so one lib
// declaring "@herald/testing" as a devDependency for its specs would flag every production import
// of that lib and of everything that depends on it. Instead, production files may not import a
// scope:test project directly; the list comes from the tags, like the rule above.
const testScopedPackages = testScopedProjects.map(
  (project) => project.data.metadata?.js?.packageName ?? project.name,
);
const testLibsOnlyInTests = [
  'error',
  {
    paths: testScopedPackages.map((name) => ({
      name,
      message: `${name} is tagged scope:test: import it only from *.spec.ts / *.spec-helpers.ts files.`,
    })),
    patterns: testScopedPackages.map((name) => ({
      group: [`${name}/*`],
      message: `${name} is tagged scope:test: import it only from *.spec.ts / *.spec-helpers.ts files.`,
    })),
  },
];

// Tests read untyped data on purpose (supertest's `res.body`, parsed YAML, vitest's `expect.any()`,
// which is typed `any`); the no-unsafe-* and no-explicit-any rules stay on for production code.
const untypedDataInTests = {
  files: [...testFiles, 'tests/*/src/**/*.ts'],
  rules: {
    '@typescript-eslint/no-unsafe-argument': 'off',
    '@typescript-eslint/no-unsafe-assignment': 'off',
    '@typescript-eslint/no-unsafe-call': 'off',
    '@typescript-eslint/no-unsafe-member-access': 'off',
    '@typescript-eslint/no-unsafe-return': 'off',
    '@typescript-eslint/no-explicit-any': 'off',
  },
};

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    '**/public/**',
    '**/*.{js,mjs,cjs}',
    '**/*.d.ts',
  ]),
  {
    files: sourceFiles,
    extends: [
      js.configs.recommended,
      typed ? tseslint.configs.recommendedTypeChecked : tseslint.configs.recommended,
    ],
    languageOptions: typed
      ? {
          parserOptions: {
            project: ['./tsconfig.eslint.json', '../../services/gateway/console/tsconfig.json'],
            tsconfigRootDir: import.meta.dirname,
          },
        }
      : {},
    plugins: { '@nx': nx },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries,
      'no-restricted-imports': testLibsOnlyInTests,
      // A `_` prefix marks a parameter a signature needs but the body does not (Nest handlers,
      // decorators, evolve(state, _event)).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      ...(typed && {
        // Fastify plugins and route handlers, and Nest's transport-strategy methods, are async by
        // contract even when the body awaits nothing.
        '@typescript-eslint/require-await': 'off',
      }),
    },
  },
  {
    // Test code, e2e/bench projects (type:e2e may depend on anything), and the scope:test
    // projects themselves may import scope:test libs.
    files: [
      ...testFiles,
      ...Object.values(projectGraph.nodes)
        .filter(
          (project) =>
            project.data.tags?.includes('scope:test') || project.data.tags?.includes('type:e2e'),
        )
        .map((project) => `${project.data.root}/**/*.ts`),
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: testFiles,
    rules: { '@nx/enforce-module-boundaries': specModuleBoundaries },
  },
  ...(typed ? [untypedDataInTests] : []),
  prettier,
);
