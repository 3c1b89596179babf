// Generates the site's pages that come from code, into the assembled source folder the build
// (scripts/build-site.mjs) hands to VitePress: patterns, rules, CLI, Kubernetes versions,
// examples, the scaffold of getting started, and the sidebars of those sections.
import * as fs from 'fs';
import * as path from 'path';
import { ApiModel } from './api-json';
import { writeCliPages } from './cli';
import { writeExamplePages } from './examples';
import { fence, writeFile } from './markdown';
import { writePatternPages } from './patterns';
import { ProgramOutput, programFiles, runProgram } from './programs';
import { writeRulePages } from './rules';
import { writeScaffoldPartial } from './scaffold';
import { writeVersionsPage } from './versions';

export interface GenerateOptions {
  /** The repository. */
  readonly root: string;
  /** The site's sources (docs/site). */
  readonly siteDir: string;
  /** The assembled source folder VitePress builds (a copy of docs/site plus the API reference). */
  readonly srcDir: string;
  /** typedoc's JSON model of the API. */
  readonly apiJson: string;
}

/** Writes every generated page; throws (failing the build) when an example does not do what its page says. */
export function generateSite(options: GenerateOptions): { pages: number } {
  const { root, siteDir, srcDir } = options;
  const api = new ApiModel(options.apiJson);
  const before = countPages(srcDir);
  const outputs = new Map<string, ProgramOutput>();
  for (const file of programFiles(siteDir)) {
    const output = runProgram(file);
    outputs.set(file, output);
    writeProgramPartials(siteDir, srcDir, file, output);
  }
  const sidebars = {
    patterns: writePatternPages(siteDir, srcDir, api, outputs),
    rules: writeRulePages(srcDir),
    cli: writeCliPages(srcDir),
    examples: writeExamplePages(root, srcDir),
  };
  writeVersionsPage(srcDir);
  // the Argo CD plugin the delivery page shows, as the repository has it (a test runs its generate command)
  writeFile(
    srcDir,
    '_generated/argocd/plugin.yaml',
    fs.readFileSync(path.join(root, 'docs', 'argocd', 'plugin.yaml'), 'utf8'),
  );
  writeScaffoldPartial(srcDir, path.join(path.dirname(srcDir), 'work'));
  writeFile(srcDir, '.vitepress/generated-sidebars.json', `${JSON.stringify(sidebars, null, 2)}\n`);
  checkIncludes(srcDir);
  return { pages: countPages(srcDir) - before };
}

/**
 * What a program wrote, for the pages to include: `_generated/<snippet>.report.md` (its
 * validation report), `.files.md` (the files) and `.output.md` (the manifests, one tab each).
 */
function writeProgramPartials(siteDir: string, srcDir: string, file: string, output: ProgramOutput): void {
  const base = path.join('_generated', path.relative(path.join(siteDir, 'snippets'), file).replace(/\.ts$/, ''));
  writeFile(
    srcDir,
    `${base}.report.md`,
    `${fence('text', output.report || '(nothing: the synth had no findings to report)')}\n`,
  );
  writeFile(srcDir, `${base}.files.md`, `${fence('text', output.files.map((f) => `dist/${f.path}`).join('\n'))}\n`);
  const manifests = output.files
    .filter((f) => f.path.endsWith('.k8s.yaml'))
    .sort((a, b) => Number(a.path.includes('setup/')) - Number(b.path.includes('setup/')));
  writeFile(
    srcDir,
    `${base}.output.md`,
    ['::: code-group', '', ...manifests.map((f) => `${fence(`yaml [dist/${f.path}]`, f.content)}\n`), ':::', ''].join(
      '\n',
    ),
  );
}

function markdownFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(
      (f) => f.endsWith('.md') && !f.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'),
    )
    .map((f) => path.join(dir, f));
}

function countPages(dir: string): number {
  return markdownFiles(dir).filter(
    (f) =>
      !path
        .relative(dir, f)
        .split(path.sep)
        .some((p) => p.startsWith('_')),
  ).length;
}

/**
 * Every `<<< file#region` include names a file that exists and a region it has (VitePress would
 * show the whole file for a missing region), and every `<!--@include: -->` a file that exists.
 */
export function checkIncludes(srcDir: string): void {
  const problems: string[] = [];
  for (const file of markdownFiles(srcDir)) {
    const content = fs.readFileSync(file, 'utf8');
    for (const m of content.matchAll(/^\s*<<< (\S+?)(?:#([\w-]+))?(?:\{[^}]*\})?(?: \[[^\]]*\])?\s*$/gm)) {
      const target = m[1].startsWith('@/') ? path.join(srcDir, m[1].slice(2)) : path.resolve(path.dirname(file), m[1]);
      if (!fs.existsSync(target)) {
        problems.push(`${path.relative(srcDir, file)}: includes ${m[1]}, which does not exist`);
        continue;
      }
      const region = m[2];
      if (region) {
        const source = fs.readFileSync(target, 'utf8');
        if (!source.includes(`// #region ${region}\n`) || !source.includes(`// #endregion ${region}`))
          problems.push(`${path.relative(srcDir, file)}: ${m[1]} has no region ${region}`);
      }
    }
    for (const m of content.matchAll(/<!--@include: (\S+?)-->/g)) {
      if (!fs.existsSync(path.resolve(path.dirname(file), m[1])))
        problems.push(`${path.relative(srcDir, file)}: includes ${m[1]}, which does not exist`);
    }
  }
  if (problems.length > 0) throw new Error(`broken includes:\n  ${problems.join('\n  ')}`);
}
