import { CommandSpec, OptionSpec, usageOf } from './command-spec';

// Every kubecraft command's table, in one place: `kubecraft --help`, each command's `--help`,
// the argument parsing and the documentation site's CLI reference are generated from it. The
// commands' code lives in their own modules (loaded when the command runs).

const ENV: OptionSpec = {
  name: 'env',
  type: 'string',
  value: 'a,b',
  help: "only these environments (as KUBECRAFT_ENV=a,b); the other environments' folders in the output are kept as they were",
};
const KUBERNETES_VERSION: OptionSpec = {
  name: 'kubernetes-version',
  type: 'string',
  value: '1.x',
  help: 'validate for this Kubernetes version (as KUBECRAFT_KUBERNETES_VERSION=1.x)',
};
const NO_TYPECHECK: OptionSpec = {
  name: 'no-typecheck',
  type: 'boolean',
  help:
    "do not type-check the app (its entry and what it imports, with the project's own TypeScript: " +
    '@typescript/native-preview or typescript 7, else typescript 5; esbuild strips types without checking them)',
};
const JSON_OUTPUT: OptionSpec = {
  name: 'json',
  type: 'boolean',
  help: 'print the report as JSON (--format json is the same)',
};
const FORMAT: OptionSpec = { name: 'format', type: 'string', value: 'text|json', help: 'text (the default) or json' };

/** The options of `kubecraft apply` and `kubecraft diff --cluster` that say which cluster and how. */
export const CLUSTER_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'kubeconfig',
    type: 'string',
    value: 'FILE',
    help: "the kubeconfig kubectl uses (default: kubectl's own, $KUBECONFIG or ~/.kube/config)",
  },
  { name: 'context', type: 'string', value: 'NAME', help: 'the kubeconfig context (default: its current context)' },
  {
    name: 'kubectl',
    type: 'string',
    value: 'PATH',
    help: 'the kubectl to run (default: $KUBECTL, else kubectl from the PATH)',
  },
  {
    name: 'applyset',
    type: 'string',
    value: 'NAME',
    help:
      "the base name of the ApplySets (default: the project's package.json name); the charts outside " +
      'environments are ApplySet NAME, environment E is NAME-E',
  },
];

/** `kubecraft init`. */
export const INIT_COMMAND: CommandSpec = {
  name: 'init',
  args: '',
  maxPositionals: 0,
  summary: 'scaffold an app in the current folder (main.ts, a test, cdk8s.yaml, ...)',
  description: `Scaffolds a kubecraft app in the current folder, offline: main.ts (a small app built from
the WebService pattern), main.test.ts (a jest snapshot test through synthValidated),
cdk8s.yaml (npx cdk8s synth runs the app through kubecraft), tsconfig.json and .gitignore;
adds scripts (synth, watch, validate, diff, test, snapshot), devDependencies and a jest configuration to
package.json (creating it if needed) without changing what is already there. Then:
npm install && npm run synth.`,
  options: [{ name: 'force', type: 'boolean', help: 'overwrite files that exist (refused otherwise)' }],
};

/** `kubecraft synth`. */
export const SYNTH_COMMAND: CommandSpec = {
  name: 'synth',
  args: '[app.ts]',
  maxPositionals: 1,
  appArgs: true,
  summary: 'synthesize into dist/, type-checked, validated, written atomically',
  description: `Runs the app (default main.ts): bundles it with esbuild (cached in the project's .kubecraft/),
runs it while the project's TypeScript compiler type-checks it, validates it, and replaces the
output folder atomically. Prints one summary line on success. Exit code 0 written, 1 the app
failed (type errors or the report printed, output untouched), 2 usage.`,
  options: [
    ENV,
    {
      name: 'output',
      short: 'o',
      aliases: ['outdir'],
      type: 'string',
      value: 'DIR',
      help: "write here; default $CDK8S_OUTDIR, else the output: of the project's cdk8s.yaml, else dist/",
    },
    KUBERNETES_VERSION,
    {
      name: 'change-cause',
      type: 'string',
      value: 'TEXT',
      help:
        'record why this revision exists: the kubernetes.io/change-cause annotation on every workload ' +
        '(as KUBECRAFT_CHANGE_CAUSE=TEXT), shown by kubectl rollout history',
    },
    { name: 'watch', short: 'w', type: 'boolean', help: "synthesize again whenever one of the app's files changes" },
    { ...NO_TYPECHECK, help: `${NO_TYPECHECK.help}. Without a compiler in the project the synth says so and goes on` },
    { name: 'typecheck', type: 'boolean', help: 'type-check (the default; for scripts that say so)' },
    { name: 'quiet', short: 'q', type: 'boolean', help: 'no summary line' },
    { name: 'verbose', short: 'v', type: 'boolean', help: 'also list each relaxed finding with its reason' },
    {
      name: 'stdout',
      short: 'p',
      type: 'boolean',
      help:
        'write nothing: print one output folder, validated, as one YAML stream (documents separated by ---, ' +
        'CRDs and Namespaces first) on stdout, for kubectl apply -f - and GitOps plugins; the folder of ' +
        '--env NAME (one environment), else the charts outside environments. Errors go to stderr',
    },
  ],
};

/** `kubecraft validate`. */
export const VALIDATE_COMMAND: CommandSpec = {
  name: 'validate',
  args: '[app.ts]',
  maxPositionals: 1,
  appArgs: true,
  summary: 'type-check and validate; write nothing',
  description: `Type-checks the app with the project's own TypeScript (skipped, with a note, when the project
has none), then runs it and validates everything it would synthesize, and prints the report:
every finding, relaxed ones with their reasons, and the Kubernetes version validated for.
Nothing is written. Exit code 0 valid, 1 type or validation errors, 2 usage. On an app
written for an older release, --kubernetes-version lists exactly what blocks the upgrade.`,
  options: [ENV, KUBERNETES_VERSION, { ...FORMAT, default: 'text' }, JSON_OUTPUT, NO_TYPECHECK],
};

/** `kubecraft diff`. */
export const DIFF_COMMAND: CommandSpec = {
  name: 'diff',
  args: '[app.ts]',
  maxPositionals: 1,
  appArgs: true,
  summary: 'what a synth would change in dist/ (or --cluster: in the cluster), per resource and field',
  description: `Synthesizes the app (default main.ts) into a temporary folder and compares it, resource by
resource and field by field, with the current output folder, or with the app as it was at a
git revision, or (--cluster) with what runs in the cluster of your kubeconfig context: what
kubecraft apply would change there, from a server-side dry run (so server defaults are no
change), and ('-') the objects its prune would delete. Secret values are never shown.
Exit code: 0 no changes, 1 changes, 2 error.`,
  options: [
    {
      name: 'output',
      short: 'o',
      aliases: ['out'],
      type: 'string',
      value: 'DIR',
      help: 'the output folder to compare with; default as kubecraft synth',
    },
    {
      name: 'against',
      type: 'string',
      value: 'REVISION',
      help: 'compare with the app as it was at this git revision (synthesized in a temporary worktree)',
    },
    { ...JSON_OUTPUT, help: 'print only the kubecraft.io/diff/v1 JSON (--format json is the same)' },
    FORMAT,
    { name: 'cluster', type: 'boolean', help: 'compare with the cluster (needs kubectl)' },
    { ...ENV, help: 'with --cluster: the environments to compare, as kubecraft apply' },
    { name: 'app', type: 'string', value: 'FILE', help: 'the app (the same as the positional app.ts)' },
    ...CLUSTER_OPTIONS,
  ],
};

/** `kubecraft apply`. */
export const APPLY_COMMAND: CommandSpec = {
  name: 'apply',
  args: '[app.ts]',
  maxPositionals: 1,
  appArgs: true,
  summary: 'synthesize, then apply to the cluster with your kubectl: install phases, prune (ApplySets)',
  description: `Synthesizes the app (default main.ts) into the output folder (validated and written
atomically, as kubecraft synth does), then applies it with your kubectl to the cluster of your
kubeconfig context. Each output folder is one kubectl ApplySet (parent
applysets.kubecraft.io/<name>), applied in its install phases:

  setup  kubectl apply --server-side --field-manager=kubecraft of the CRDs and Namespaces,
         then wait until the CRDs are established and each new namespace has its default
         ServiceAccount
  main   the same for every object of the folder
  prune  delete the members of the set that this apply did not touch (objects of other
         ApplySets, or of none, never are), then record the set on its parent

Without --env, the charts outside environments; --env prod applies those and dist/prod/.
Exit code 0 applied, 1 a phase failed (the message names the phase and what was applied
before it), 2 usage, kubectl missing or the cluster unreachable.`,
  options: [
    { ...ENV, help: 'the environments to apply (each is its own ApplySet)' },
    {
      name: 'output',
      short: 'o',
      aliases: ['out'],
      type: 'string',
      value: 'DIR',
      help: 'the output folder; default as kubecraft synth',
    },
    KUBERNETES_VERSION,
    { name: 'no-synth', type: 'boolean', help: 'apply the output folder as it is, without synthesizing first' },
    {
      name: 'dry-run',
      type: 'boolean',
      help: 'server-side dry run: the server checks every object, nothing is stored',
    },
    {
      name: 'wait',
      type: 'boolean',
      help: 'wait for every Deployment, StatefulSet and DaemonSet to finish its rollout',
    },
    { name: 'no-prune', type: 'boolean', help: 'apply without an ApplySet; delete nothing' },
    { name: 'force-conflicts', type: 'boolean', help: 'take over fields another field manager owns' },
    { name: 'timeout', type: 'string', value: 'SECONDS', default: '300', help: 'the longest each wait may take' },
    ...CLUSTER_OPTIONS,
  ],
};

/** `kubecraft graph`. */
export const GRAPH_COMMAND: CommandSpec = {
  name: 'graph',
  args: '[app.ts]',
  maxPositionals: 1,
  summary: "the app's resources and relations as DOT, Mermaid or SVG",
  description: `Draws the app's resources and their relations (Service -> workload, Ingress -> Service,
workload -> ConfigMap/Secret/PVC, allowed traffic, ...) for one output folder: the charts
outside environments, or --env NAME's. Prints to stdout unless --output is given. SVG is
rendered with Graphviz (@viz-js/viz).`,
  options: [
    { ...ENV, value: 'NAME', help: 'the environment to draw (default: the charts outside environments)' },
    {
      name: 'format',
      type: 'string',
      value: 'dot|mermaid|svg',
      help: "the format (default: from the --output file's extension, .svg, .mmd or .md, else dot)",
    },
    { name: 'output', short: 'o', type: 'string', value: 'FILE', help: 'write here instead of stdout' },
  ],
};

/** `kubecraft import`. */
export const IMPORT_COMMAND: CommandSpec = {
  name: 'import',
  args: '<crds.yaml> [crd-name ...]',
  maxPositionals: Number.MAX_SAFE_INTEGER,
  summary: 'typed classes for custom resources, from a local CRD file',
  description: `Generates typed classes for custom resources from a local CRD file, offline: keeps the named
CRDs (default: every CRD in the file), writes each to <output>/crds/<name>.yaml (kubecraft's
schema validation can use them too), and runs \`cdk8s import\` on it into <output>/. The
generated classes keep keys they do not know and values of the wrong type as written, so
validation reports them instead of losing them. Needs the cdk8s CLI in the project
(npm install -D cdk8s-cli).`,
  options: [
    { name: 'output', short: 'o', type: 'string', value: 'DIR', default: 'imports', help: 'the folder to write' },
  ],
};

/** `kubecraft convert`. */
export const CONVERT_COMMAND: CommandSpec = {
  name: 'convert',
  args: '<docker-compose.yml>',
  maxPositionals: 1,
  summary: 'a kubecraft app (TypeScript) from a docker-compose file',
  description: `Writes a runnable kubecraft app (TypeScript) from a docker-compose file, read as docker compose
reads it: the .env file next to it (or --env-file) under the environment, interpolation
(\${VAR:-default}, $$), YAML merge keys, include, extends, env_file. Services with a TCP port
become WebServices, with named volumes too StatefulServices, the others Workers; published
ports are reached from outside (a LoadBalancer, or a NodePort for ephemeral host ports);
depends_on, links and environment values naming a service become connectTo. Services of
profiles that are not active are left out, as compose leaves them out. Images compose builds
come from <SERVICE>_IMAGE when the app runs. Decisions left to you and what is not mapped are
listed at the top of the file.`,
  options: [
    { name: 'output', short: 'o', type: 'string', value: 'FILE', help: 'write the app here instead of stdout' },
    {
      name: 'import-from',
      type: 'string',
      value: 'MODULE',
      default: 'kubecraft',
      help: 'the module the app imports kubecraft from',
    },
    {
      name: 'profile',
      type: 'string',
      value: 'NAME',
      multiple: true,
      help: 'activate a compose profile (or COMPOSE_PROFILES; * for all)',
    },
    {
      name: 'env-file',
      type: 'string',
      value: 'FILE',
      multiple: true,
      help: 'read variables from this file instead of the .env next to the compose file',
    },
    { name: 'keys', type: 'boolean', help: 'print what convert does with every compose key, and exit' },
  ],
};

const INSECURE: OptionSpec = {
  name: 'insecure',
  type: 'boolean',
  help:
    'plain HTTP instead of HTTPS, for a registry on this machine only (localhost, 127.0.0.1, ::1); ' +
    'refused for any other registry',
};

/** `kubecraft publish`. */
export const PUBLISH_COMMAND: CommandSpec = {
  name: 'publish',
  args: 'oci://REGISTRY/REPO:TAG',
  maxPositionals: 1,
  summary: 'push dist/ (or one environment) as an OCI artifact Flux reads; print its digest',
  description: `Pushes the output folder (or --env NAME's folder) to an OCI registry as an artifact in the
format Flux's OCIRepository and flux pull artifact read: one layer, a gzipped tar of the
folder's files (application/vnd.cncf.flux.content.v1.tar+gzip), Flux's config media type, and
the org.opencontainers.image.source, .revision (<branch>@sha1:<commit>) and .created (the
commit's time) annotations from git; outside git it has none of them. The same files at the
same commit give the same digest. Prints the artifact pinned by digest
(REGISTRY/REPO@sha256:...) on the last line. Credentials come from your docker configuration
($DOCKER_CONFIG/config.json or ~/.docker/config.json: auths, credHelpers, credsStore), as
docker login writes them. Exit code 0 pushed, 1 failed (one line: the registry, and why), 2 usage.`,
  options: [
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: 'DIR',
      help: 'the output folder to publish; default as kubecraft synth',
    },
    { ...ENV, value: 'NAME', help: "publish only this environment's folder (DIR/NAME)" },
    INSECURE,
    { ...JSON_OUTPUT, help: 'print only JSON: the reference, the digest, the layer and the annotations' },
  ],
};

/** `kubecraft pull`. */
export const PULL_COMMAND: CommandSpec = {
  name: 'pull',
  args: 'oci://REGISTRY/REPO:TAG|@DIGEST',
  maxPositionals: 1,
  summary: 'replace dist/ with the files of an OCI artifact (the reverse of publish)',
  description: `Pulls an artifact (by tag, or pinned by digest) and replaces the output folder with its files,
atomically: the manifest's digest and the layer's digest are verified first, and an entry
outside the folder, a link or a device is refused, leaving the folder as it was. Reads what
kubecraft publish and flux push artifact write. Credentials as kubecraft publish. Exit code 0
extracted, 1 failed, 2 usage.`,
  options: [
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: 'DIR',
      help: 'the folder to replace; default as kubecraft synth',
    },
    INSECURE,
    { ...JSON_OUTPUT, help: 'print only JSON: the digest, the files and the annotations' },
  ],
};

/** `kubecraft snapshot`. */
export const SNAPSHOT_COMMAND: CommandSpec = {
  name: 'snapshot',
  args: '',
  maxPositionals: 0,
  summary: 'start kubecraft faster: build a V8 startup snapshot and its launcher (opt-in)',
  description: `Builds (or rebuilds) the project's V8 startup snapshot (node --build-snapshot, Node 20 or
later): constructs, cdk8s, cdk8s-plus-27 and kubecraft as the project has them installed,
already loaded, in .kubecraft/startup-snapshot/, with a POSIX shell launcher beside it:
.kubecraft/startup-snapshot/kubecraft synth main.ts is kubecraft synth main.ts started from the
snapshot, in about three quarters of the time at 10 to 100 services. The app's own
require('cdk8s') etc. get the snapshot's modules, so it runs and writes exactly as usual.

Opt-in: point your package.json scripts at the launcher (kubecraft snapshot prints how). The
snapshot is stale once the lockfile, a file it holds or Node changes, and unused while
NODE_OPTIONS is set: kubecraft then starts without it (same output, not faster). The launcher
is a POSIX shell script; on Windows run node --snapshot-blob <blob> <command> (printed too).

Exit code: 0 built (with --status: fresh), 1 the build failed (with --status: stale, missing
or unsupported), 2 usage.`,
  options: [
    {
      name: 'status',
      type: 'boolean',
      help: 'build nothing: print whether the snapshot is fresh, stale (and why), missing or unsupported',
    },
    {
      ...JSON_OUTPUT,
      help: 'print only JSON: the state (and why), the blob and the launcher; after a build also its modules, size and time',
    },
  ],
};

/** Every command, in the order `kubecraft --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  INIT_COMMAND,
  SYNTH_COMMAND,
  VALIDATE_COMMAND,
  DIFF_COMMAND,
  APPLY_COMMAND,
  GRAPH_COMMAND,
  PUBLISH_COMMAND,
  PULL_COMMAND,
  IMPORT_COMMAND,
  CONVERT_COMMAND,
  SNAPSHOT_COMMAND,
];

const SYNOPSIS_WIDTH = Math.max(36, ...COMMANDS.map((c) => `${c.name} ${c.args}`.trimEnd().length + 2));

/** What `kubecraft --help` prints, generated from `COMMANDS`. */
export const USAGE = [
  'usage: kubecraft <command> [options]',
  '',
  'commands:',
  ...COMMANDS.map((c) => `  ${`${c.name} ${c.args}`.trimEnd().padEnd(SYNOPSIS_WIDTH)}${c.summary}`),
  '',
  "kubecraft <command> --help for a command's options; kubecraft --version.",
].join('\n');

export const INIT_USAGE = usageOf(INIT_COMMAND);
export const SYNTH_USAGE = usageOf(SYNTH_COMMAND);
export const VALIDATE_USAGE = usageOf(VALIDATE_COMMAND);
export const DIFF_USAGE = usageOf(DIFF_COMMAND);
export const APPLY_USAGE = usageOf(APPLY_COMMAND);
export const GRAPH_USAGE = usageOf(GRAPH_COMMAND);
export const IMPORT_USAGE = usageOf(IMPORT_COMMAND);
export const CONVERT_USAGE = usageOf(CONVERT_COMMAND);
export const PUBLISH_USAGE = usageOf(PUBLISH_COMMAND);
export const PULL_USAGE = usageOf(PULL_COMMAND);
export const SNAPSHOT_USAGE = usageOf(SNAPSHOT_COMMAND);
