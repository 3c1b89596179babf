// One page per pattern: every class the library exports that extends PatternBase. The page
// quotes the class's documentation (typedoc JSON), includes the pattern's example program
// (docs/site/snippets/patterns/<pattern>.ts), shows what that program synthesizes (it is run
// here, at build time), and lists the props with their defaults.
import * as fs from 'fs';
import * as path from 'path';
import * as kubecraft from 'kubecraft';
import { ApiModel, defaultOf, firstParagraph, KIND, summary } from './api-json';
import { code, fence, kebab, page, table, writeFile } from './markdown';
import { ProgramOutput } from './programs';

/** The pattern classes the library exports, in the order of the concepts page. */
export function patternClasses(): string[] {
  const exported = kubecraft as unknown as Record<string, unknown>;
  const names = Object.keys(exported).filter((name) => {
    const value = exported[name];
    return typeof value === 'function' && value.prototype instanceof kubecraft.PatternBase;
  });
  const order = ['WebService', 'StatefulService', 'Worker', 'NodeAgent', 'BatchJob', 'ScheduledJob'];
  return names.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** The example program of a pattern. */
export function patternSnippet(siteDir: string, name: string): string {
  return path.join(siteDir, 'snippets', 'patterns', `${kebab(name)}.ts`);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** Writes patterns/index.md and a page per pattern; returns the sidebar. */
export function writePatternPages(
  siteDir: string,
  srcDir: string,
  api: ApiModel,
  outputs: ReadonlyMap<string, ProgramOutput>,
): { text: string; link: string }[] {
  const names = patternClasses();
  const rows: string[][] = [];
  for (const name of names) {
    const slug = kebab(name);
    const snippet = patternSnippet(siteDir, name);
    if (!fs.existsSync(snippet))
      throw new Error(`pattern ${name} has no example: add docs/site/snippets/patterns/${slug}.ts`);
    const cls = api.get(name);
    const propsName = `${name}Props`;
    const output = outputs.get(snippet);
    if (!output) throw new Error(`${snippet} did not run`);
    const files = output.files;
    // the chart's own file first, the setup phase (the namespace) after it
    const manifests = files
      .filter((f) => f.path.endsWith('.k8s.yaml'))
      .sort((a, b) => Number(a.path.startsWith('setup/')) - Number(b.path.startsWith('setup/')));
    const notes = path.join(siteDir, 'patterns', `_${slug}.md`);
    const members = (cls.children ?? []).filter(
      (m) => (m.kind === KIND.property || m.kind === KIND.accessor) && !m.flags?.isPrivate && !m.inheritedFrom,
    );
    const body = [
      `# ${name}`,
      '',
      summary(cls),
      '',
      fs.existsSync(notes) ? `<!--@include: ./_${slug}.md-->\n` : '',
      '## Example',
      '',
      'A complete program: save it as `main.ts` in a project set up as in [Getting started](../guide/getting-started.md) and run `npx kubecraft synth`.',
      '',
      `<<< @/snippets/patterns/${slug}.ts`,
      '',
      '## What it synthesizes',
      '',
      `The build of this site runs the program above; it wrote ${files.length} files:`,
      '',
      fence('text', files.map((f) => `dist/${f.path}`).join('\n')),
      '',
      output.report
        ? `The synth's report (the pattern's own, reasoned relaxations):\n\n${fence('text', output.report)}\n`
        : '',
      'Everything but the namespace goes to `dist/`, in install order; the namespace to the setup phase, `dist/setup/`, applied first:',
      '',
      '::: code-group',
      '',
      ...manifests.map((f) => `${fence(`yaml [dist/${f.path}]`, f.content)}\n`),
      ':::',
      '',
      `## Props: \`${propsName}\``,
      '',
      `Every prop, with its default (details and types: [${propsName}](${api.link(propsName)})).`,
      '',
      table(
        ['prop', 'default', 'what it is'],
        (api.get(propsName).children ?? [])
          .filter((p) => p.kind === KIND.property)
          .map((p) => [
            `[${code(p.name + (p.flags?.isOptional ? '?' : ''))}](${api.link(propsName)}#${p.name.toLowerCase()})`,
            cell(defaultOf(p)) || (p.flags?.isOptional ? '' : '**required**'),
            cell(firstParagraph(p)),
          ]),
      ),
      '',
      `## What it exposes`,
      '',
      `The lower constructs are public members, for anything the props do not cover ([${name}](${api.link(name)})):`,
      '',
      table(
        ['member', 'what it is'],
        members.map((m) => [`[${code(m.name)}](${api.link(name)}#${m.name.toLowerCase()})`, cell(firstParagraph(m))]),
      ),
      '',
      'See also: [Patterns](../concepts/patterns.md), [Wiring and networking](../concepts/networking.md), [all patterns](./index.md).',
    ];
    writeFile(srcDir, `patterns/${slug}.md`, page({ title: name }, body.join('\n')));
    rows.push([`[${name}](./${slug}.md)`, cell(firstParagraph(cls))]);
  }
  writeFile(
    srcDir,
    'patterns/index.md',
    page(
      { title: 'Patterns' },
      [
        '# Patterns',
        '',
        'Whole applications in a few lines: each pattern is a construct that renders the workload, its Service and budget, and what else the kind of application needs, with secure defaults. Every page has a complete example and what it synthesizes.',
        '',
        table(['pattern', 'what it is'], rows),
        '',
        'How they fit together: [Patterns](../concepts/patterns.md) and [Wiring and networking](../concepts/networking.md).',
      ].join('\n'),
    ),
  );
  return [{ text: 'Overview', link: '/patterns/' }, ...names.map((n) => ({ text: n, link: `/patterns/${kebab(n)}` }))];
}
