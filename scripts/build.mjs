#!/usr/bin/env node
// Builds the package: compiles lib/ (tsconfig.build.json) into build/lib/ and copies the
// generated JavaScript that tsc does not compile (the schema validators) beside it.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'build'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

// generated folders are copied whole; generated files elsewhere one by one
const GENERATED_DIRS = ['lib/validation/schema/generated'];
for (const dir of GENERATED_DIRS) {
  if (existsSync(join(root, dir))) cpSync(join(root, dir), join(root, 'build', dir), { recursive: true });
}
for (const f of readdirSync(join(root, 'lib'), { recursive: true })) {
  if (/\.generated\./.test(f)) cpSync(join(root, 'lib', f), join(root, 'build', 'lib', f));
}
