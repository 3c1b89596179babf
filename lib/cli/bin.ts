#!/usr/bin/env node
// The `kubecraft` command (package.json "bin"). The code cache is installed before anything
// else is required, so that kubecraft's own modules and cdk8s load from it too.
import * as path from 'path';
import { enableCompileCache } from './compile-cache';
import { findProject } from './project';
import { startTypecheckEarly } from './typecheck';

const project = findProject(process.cwd());
startTypecheckEarly(process.argv.slice(2), project);
enableCompileCache(path.join(project, '.kubecraft', 'code-cache'));
const { main } = require('./main') as typeof import('./main');

main(process.argv.slice(2), __filename).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kubecraft: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
