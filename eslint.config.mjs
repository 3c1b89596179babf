// Lint: the layering of lib/ (see README, "Layout"), no import cycles, ordered imports.
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

// What each folder of lib/ may import, bottom layer first. A folder may import itself and
// every folder listed for it; anything else is an upward (or sideways) import and fails lint.
const LAYERS = {
  core: [],
  values: ['core'],
  selectors: ['core', 'values'],
  validation: ['core', 'values', 'selectors'],
  security: ['core'],
  workloads: ['core', 'values', 'selectors'],
  policy: ['core', 'values', 'selectors'],
  cluster: ['core', 'values', 'selectors', 'validation'],
  output: ['core', 'values', 'selectors'],
  app: ['core', 'values', 'selectors', 'validation', 'security', 'workloads', 'policy', 'output'],
  patterns: ['core', 'values', 'selectors', 'validation', 'security', 'workloads', 'policy', 'app'],
  testing: ['core', 'validation', 'app'],
  upstream: ['core', 'values', 'selectors', 'validation', 'security', 'app'],
  deploy: ['core', 'output'],
  oci: ['core', 'output'],
  delivery: ['core', 'values', 'validation', 'app', 'upstream', 'oci'],
  cli: [
    'core',
    'values',
    'selectors',
    'validation',
    'security',
    'workloads',
    'policy',
    'output',
    'app',
    'testing',
    'upstream',
    'deploy',
    'cluster',
    'oci',
    'delivery',
  ],
};
const FOLDERS = Object.keys(LAYERS);
const zones = FOLDERS.map((folder) => ({
  target: `./lib/${folder}`,
  from: FOLDERS.filter((other) => other !== folder && !LAYERS[folder].includes(other)).map((f) => `./lib/${f}`),
  message: `lib/${folder} may import only ${LAYERS[folder].map((f) => `lib/${f}`).join(', ') || 'nothing else in lib/'} (see README, Layout)`,
})).filter((z) => z.from.length > 0);

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.kubecraft/**',
      'imports/**',
      '**/*.generated.*',
      'lib/validation/schema/generated/**',
      'docs/api/**',
      'docs/.site-build/**',
      'crds/gitops/validators/**',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: false } },
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] } },
      'import/extensions': ['.ts', '.js'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': ['error', { zones }],
      'import/no-self-import': 'error',
      'import/first': 'error',
      'import/no-duplicates': 'error',
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'max-statements-per-line': ['error', { max: 1 }],
    },
  },
  {
    // validation reads input of any shape: through the shape helpers (asObject, asString, ...), never `any`
    files: ['lib/validation/**/*.ts'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
);
