#!/usr/bin/env node
// Builds the documentation site, offline, into docs/.site-build/ (git-ignored):
//
//   1. copies the site's sources (docs/site/: pages, snippets, VitePress configuration) to src/;
//   2. writes the API reference there with typedoc (Markdown for VitePress, and typedoc's JSON
//      model for the pages that quote the API);
//   3. generates the pages that come from code (docs/site/gen/: patterns, rules, CLI, Kubernetes
//      versions, examples), running every example they show through the library's sources;
//   4. builds the static site with VitePress into html/ (local search included; a broken link
//      between pages fails the build).
//
// `npm run docs:site` runs it (and `npm run docs`, after regenerating docs/api and the README's
// rules table); the site tests (test/docs/site.test.ts) run it when html/ is missing or older
// than its inputs. It needs no network: every generator, theme and search index is local. Serve html/ with any static server, e.g.
// `npx vitepress preview docs/.site-build/src`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const siteDir = join(root, 'docs', 'site');
const out = resolve(process.env.KUBECRAFT_SITE_OUT ?? join(root, 'docs', '.site-build'));
const srcDir = join(out, 'src');
const htmlDir = join(out, 'html');
const apiJson = join(out, 'api.json');
const require = createRequire(import.meta.url);
const started = Date.now();
const step = (what) => console.log(`build-site: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

rmSync(srcDir, { recursive: true, force: true });
rmSync(htmlDir, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(siteDir, srcDir, {
  recursive: true,
  // the generators, their TypeScript settings and typedoc's settings are build inputs, not pages
  filter: (from) => !['gen', 'tsconfig.json', 'typedoc.json', 'README.md'].includes(relative(siteDir, from)),
});
step('sources copied');

const typedoc = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'),
    '--options',
    join(siteDir, 'typedoc.json'),
    '--out',
    join(srcDir, 'api'),
    '--docsRoot',
    srcDir,
    '--json',
    apiJson,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (typedoc.status !== 0) process.exit(typedoc.status ?? 1);
step('API reference written (typedoc)');

require('./site-ts-register.cjs');
const { generateSite } = require(join(siteDir, 'gen', 'generate.ts'));
const { pages } = generateSite({ root, siteDir, srcDir, apiJson });
step(`${pages} pages generated from code`);

const { build } = await import('vitepress');
await build(srcDir);
writeFileSync(join(out, 'built'), `${new Date().toISOString()}\n`);
step(`site built: ${relative(process.cwd(), htmlDir)}/index.html`);
