// The kubecraft CLI from this repository's sources (scripts/kubecraft.mjs), run as a user runs
// it, in fresh projects outside the repository.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const root = path.resolve(__dirname, '..', '..');
export const cli = path.join(root, 'scripts', 'kubecraft.mjs');
/** The library's sources, as a module specifier for apps written by tests. */
export const lib = JSON.stringify(path.join(root, 'lib'));

/** Runs the CLI and waits for it. */
export function kubecraft(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Runs the CLI without blocking the test's event loop (needed when the test also serves HTTP). */
export function kubecraftAsync(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh project outside the repository: package.json, node_modules from the repository, the files given. */
export function project(files: Record<string, string>, name = 'cli-test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cli-'));
  fs.writeFileSync(path.join(dir, 'package.json'), `{ "name": "${name}", "private": true }\n`);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}
