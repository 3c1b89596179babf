import * as fs from 'fs';
import * as path from 'path';
import { parseCommand } from './command-spec';
import { INIT_COMMAND, INIT_USAGE } from './commands';
import { ownPackageJson } from './project';

const MAIN_TS = `// The app: \`npm run synth\` (kubecraft synth main.ts) writes it to dist/, validated.
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, WebService } from 'kubecraft';

/** Builds the app's charts into \`app\` (the tests build it too, without writing). */
export function buildApp(app: KubecraftApp): KubecraftApp {
  const chart = new KubecraftChart(app, 'hello', { namespace: 'hello' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'hello' } });
  new WebService(chart, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.25.3',
    port: 8080,
    user: 101, // the image's nginx user
    healthPath: '/',
    writablePaths: ['/tmp'],
    replicas: 2,
  });
  return app;
}

if (require.main === module) {
  buildApp(new KubecraftApp()).synth();
}
`;

const MAIN_TEST_TS = `import { KubecraftApp, synthValidated } from 'kubecraft';
import { buildApp } from './main';

// synthValidated throws the validation report when a chart is invalid, so every snapshot is
// of valid manifests. Update snapshots deliberately: npx jest -u
test.each(buildApp(new KubecraftApp()).charts.map((c) => [c.node.id, c] as const))('chart %s', (_id, chart) => {
  expect(synthValidated(chart)).toMatchSnapshot();
});
`;

const CDK8S_YAML = `# \`npx cdk8s synth\` runs the app through kubecraft (esbuild, validation), like \`npm run synth\`.
# The cdk8s CLI deletes dist/ before it runs the app; \`npm run synth\` replaces dist/ atomically.
language: typescript
app: npx kubecraft synth main.ts
output: dist
`;

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node', 'jest'],
    },
    exclude: ['node_modules', 'dist', '.kubecraft'],
  },
  null,
  2,
)}\n`;

const GITIGNORE = `node_modules/
.kubecraft/
coverage/
`;

const SCRIPTS: Record<string, string> = {
  synth: 'kubecraft synth main.ts',
  watch: 'kubecraft synth main.ts --watch',
  validate: 'kubecraft validate main.ts',
  diff: 'kubecraft diff main.ts',
  // type-check once (tsgo), then run the tests with kubecraft's esbuild transform (no ts-jest)
  test: 'tsgo --noEmit -p . && jest',
  // opt-in: builds the startup snapshot and its launcher (.kubecraft/startup-snapshot/kubecraft);
  // synth does not use it unless the user points a script at the launcher
  snapshot: 'kubecraft snapshot',
};

const JEST = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.kubecraft/'],
  transform: { '^.+\\.ts$': 'kubecraft/jest-transform' },
};

const DEV_DEPENDENCIES = [
  'typescript',
  '@typescript/native-preview',
  'jest',
  '@types/jest',
  '@types/node',
  'cdk8s-cli',
];

interface PackageJson {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  jest?: unknown;
  [key: string]: unknown;
}

/** `kubecraft init`. */
export function initCommand(args: readonly string[]): number {
  const { values } = parseCommand(INIT_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${INIT_USAGE}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const files: Record<string, string> = {
    'main.ts': MAIN_TS,
    'main.test.ts': MAIN_TEST_TS,
    'cdk8s.yaml': CDK8S_YAML,
    'tsconfig.json': TSCONFIG,
    '.gitignore': GITIGNORE,
  };
  const existing = Object.keys(files).filter((f) => fs.existsSync(path.join(cwd, f)));
  if (existing.length > 0 && !values.force) {
    process.stderr.write(
      `kubecraft init: ${existing.join(', ')} already exist(s); nothing written (--force overwrites)\n`,
    );
    return 1;
  }
  const pkgFile = path.join(cwd, 'package.json');
  const hadPackageJson = fs.existsSync(pkgFile);
  const pkg: PackageJson = hadPackageJson
    ? (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as PackageJson)
    : { name: npmName(path.basename(cwd)), version: '0.1.0', private: true };
  const own = ownPackageJson();
  pkg.scripts = { ...pkg.scripts };
  for (const [name, command] of Object.entries(SCRIPTS)) {
    const current = pkg.scripts[name];
    // npm init's placeholder test script fails on purpose: replace it
    if (current === undefined || (name === 'test' && /no test specified/.test(current)) || values.force) {
      pkg.scripts[name] = command;
    }
  }
  pkg.dependencies = { ...pkg.dependencies };
  for (const [name, range] of Object.entries(own.peerDependencies ?? {})) {
    if (!pkg.dependencies[name] && !pkg.devDependencies?.[name]) pkg.dependencies[name] = range;
  }
  pkg.devDependencies = { ...pkg.devDependencies };
  for (const name of DEV_DEPENDENCIES) {
    const range = own.devDependencies?.[name];
    if (range && !pkg.devDependencies[name] && !pkg.dependencies[name]) pkg.devDependencies[name] = range;
  }
  if (pkg.jest === undefined || values.force) pkg.jest = JEST;
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), content);
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  process.stdout.write(
    [
      `kubecraft init: wrote ${Object.keys(files).join(', ')}; ${hadPackageJson ? 'updated' : 'created'} package.json`,
      'next:',
      ...(pkg.dependencies.kubecraft || pkg.devDependencies.kubecraft
        ? []
        : ['  npm install <kubecraft tarball, folder or git URL>   # kubecraft itself']),
      '  npm install          # the dependencies init added',
      '  npm run synth        # validated manifests in dist/',
      '  npm test             # the snapshot test',
      '  kubectl apply -f dist/   (or kubectl apply -k dist/)',
      '',
    ].join('\n'),
  );
  return 0;
}

function npmName(folder: string): string {
  return (
    folder
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'kubecraft-app'
  );
}
