// `kubecraft snapshot`: builds the project's V8 startup snapshot (lib/cli/startup-snapshot.ts)
// and says how to start kubecraft from it; `--status` says whether it can be used. Loads no
// cdk8s: the build runs in a child `node --build-snapshot`, the status is a few stats.
import * as fs from 'fs';
import * as path from 'path';
import { parseCommand } from './command-spec';
import { SNAPSHOT_COMMAND, SNAPSHOT_USAGE } from './commands';
import { displayPath, findProject } from './project';
import {
  buildStartupSnapshot,
  StartupSnapshotBuild,
  StartupSnapshotFiles,
  startupSnapshotStatus,
  StartupSnapshotStatus,
} from './startup-snapshot';

/** What `kubecraft snapshot --json` prints (the build) and `kubecraft snapshot --status --json` prints. */
export interface SnapshotReport {
  /** `fresh` after a build. */
  readonly state: StartupSnapshotStatus['state'];
  /**
   * Why the snapshot cannot be used.
   *
   * @default - none when fresh
   */
  readonly reason?: string;
  /** The project folder. */
  readonly project: string;
  /**
   * The blob (absolute path).
   *
   * @default - none when unsupported
   */
  readonly blob?: string;
  /**
   * The POSIX launcher (absolute path).
   *
   * @default - none when unsupported
   */
  readonly launcher?: string;
  /**
   * When the blob was built (ISO 8601).
   *
   * @default - none when missing or unsupported
   */
  readonly built?: string;
  /**
   * Modules the blob holds (after a build).
   *
   * @default - none with --status
   */
  readonly modules?: number;
  /**
   * The blob's size in bytes (after a build).
   *
   * @default - none with --status
   */
  readonly bytes?: number;
  /**
   * How long the build took, in milliseconds.
   *
   * @default - none with --status
   */
  readonly buildMs?: number;
}

/** `kubecraft snapshot`. */
export function snapshotCommand(args: readonly string[]): number {
  const { values } = parseCommand(SNAPSHOT_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${SNAPSHOT_USAGE}\n`);
    return 0;
  }
  const project = findProject(process.cwd());
  if (values.status) return printStatus(project, Boolean(values.json));

  const t0 = Date.now();
  let built: StartupSnapshotBuild;
  try {
    built = buildStartupSnapshot(project);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).replace(/^startup snapshot: /, '');
    process.stderr.write(`kubecraft snapshot: could not build the startup snapshot of ${project}: ${message}\n`);
    return 1;
  }
  const buildMs = Date.now() - t0;
  if (values.json) {
    const report: SnapshotReport = {
      state: 'fresh',
      project: fs.realpathSync(project),
      blob: built.blob,
      launcher: built.launcher,
      built: new Date().toISOString(),
      modules: built.modules,
      bytes: built.bytes,
      buildMs,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const mb = (built.bytes / 1048576).toFixed(1);
  process.stdout.write(
    [
      `kubecraft snapshot: built ${displayPath(built.blob)} (${built.modules} modules, ${mb} MB) in ${buildMs} ms`,
      ...howToUse(fs.realpathSync(project), built, scriptsOf(project)),
      '',
    ].join('\n'),
  );
  return 0;
}

/** `--status`: one line (or JSON); exit 0 when fresh, else 1. */
function printStatus(project: string, json: boolean): number {
  const status = startupSnapshotStatus(project);
  const files = status.files;
  if (json) {
    const report: SnapshotReport = {
      state: status.state,
      ...(status.state !== 'fresh' ? { reason: status.reason } : {}),
      project: fs.realpathSync(project),
      ...(files ? { blob: files.blob, launcher: files.launcher } : {}),
      ...(status.builtMs !== undefined ? { built: new Date(status.builtMs).toISOString() } : {}),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return status.state === 'fresh' ? 0 : 1;
  }
  process.stdout.write(`${statusLine(status)}\n`);
  return status.state === 'fresh' ? 0 : 1;
}

/** What `kubecraft snapshot --status` prints. */
export function statusLine(status: StartupSnapshotStatus, cwd = process.cwd()): string {
  const built = status.builtMs !== undefined ? ` (built ${new Date(status.builtMs).toISOString()})` : '';
  switch (status.state) {
    case 'fresh':
      return `kubecraft snapshot: fresh: ${displayPath(status.files.blob, cwd)}${built}; ${displayPath(status.files.launcher, cwd)} starts kubecraft from it`;
    case 'stale':
      return `kubecraft snapshot: stale: ${status.reason}${built}; kubecraft starts without it (same output, not faster) until you rebuild it: kubecraft snapshot`;
    case 'missing':
      return `kubecraft snapshot: missing: ${status.reason.replace(status.files?.dir ?? '\0', displayPath(status.files?.dir ?? '', cwd))}; build it: kubecraft snapshot`;
    case 'unsupported':
      return `kubecraft snapshot: unsupported: ${status.reason}; kubecraft runs as usual without it`;
  }
}

/** The project's package.json scripts (empty when it has none or cannot be read). */
function scriptsOf(project: string): Record<string, string> {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    return pkg.scripts ?? {};
  } catch {
    return {};
  }
}

/** The scripts that run an app with `kubecraft` (those the launcher can start): name to command after `kubecraft `. */
function kubecraftScripts(scripts: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(scripts)
    .map(([name, command]) => [
      name,
      /^(?:npx )?kubecraft ((?:synth|validate|diff|graph|apply)\b.*)$/.exec(command)?.[1],
    ])
    .filter((e): e is [string, string] => e[1] !== undefined);
}

/**
 * The lines after "built ...": how to start kubecraft from the snapshot, in a shell and in
 * package.json scripts (or, on Windows, with `node --snapshot-blob`: the launcher is a POSIX
 * shell script), and when it goes stale.
 */
export function howToUse(
  project: string,
  files: StartupSnapshotFiles,
  scripts: Readonly<Record<string, string>>,
  platform: NodeJS.Platform = process.platform,
  cwd = process.cwd(),
): string[] {
  const own = kubecraftScripts(scripts);
  const examples: [string, string][] = own.length > 0 ? own : [['synth', 'synth main.ts']];
  const stale =
    '  stale once the lockfile, a package it holds or Node changes: kubecraft then starts without it (same output, ' +
    'not faster) until you run kubecraft snapshot again; kubecraft snapshot --status says whether it is fresh';
  if (platform === 'win32') {
    const blob = path.relative(project, files.blob);
    // what startupSnapshotCommand(project, args) returns while the blob is fresh
    const direct = [process.execPath, '--snapshot-blob', files.blob, ...examples[0][1].split(' ')];
    return [
      `  the launcher ${displayPath(files.launcher, cwd)} is a POSIX shell script: it does not run in cmd.exe or PowerShell.`,
      '  On Windows start Node with the blob yourself (startupSnapshotCommand(project, args) gives this command while it is fresh):',
      `    ${direct.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`,
      '  in package.json scripts (run from the project folder):',
      ...examples.map(([name, rest]) => `    "${name}": "node --snapshot-blob ${blob} ${rest}"`),
      '  only with the Node that built it and NODE_OPTIONS empty (Node refuses it otherwise, exit code 14); ' +
        'rebuild it after a Node upgrade',
      stale,
    ];
  }
  const launcher = path.relative(project, files.launcher);
  return [
    `  run kubecraft from it: ${displayPath(files.launcher, cwd)} ${examples[0][1]}`,
    '  in package.json scripts (opt-in; the launcher exists once kubecraft snapshot ran, .kubecraft/ is not committed):',
    ...examples.map(([name, rest]) => `    "${name}": "${launcher} ${rest}"`),
    stale,
  ];
}
