// The examples: every file of examples/ (the repository's example app, synthesized and checked
// by test/examples/), one page each with its documentation comment and its source, and the
// pictures of the app that `npm run docs:graph` keeps in docs/ (a test checks they are current).
import * as fs from 'fs';
import * as path from 'path';
import { code, fence, firstSentence, page, table, text, writeFile } from './markdown';

interface Example {
  readonly file: string;
  readonly slug: string;
  readonly title: string;
  readonly doc: string;
}

/** The documentation comment of a file's main export: the longest one in front of an export. */
function mainDoc(source: string): string {
  let best = '';
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\nexport (?:class|function|const) \w+/g)) {
    const doc = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n')
      .trim();
    if (doc.length > best.length) best = doc;
  }
  return best;
}

const TITLES: Record<string, string> = {
  'example-app': 'The example app',
  bookinfo: 'Istio Bookinfo',
  'sock-shop': 'Sock Shop',
  guestbook: 'Guestbook (three environments)',
  dashboard: 'Kubernetes Dashboard (upstream YAML)',
  'rook-operator': 'Rook operator (upstream YAML and CRDs)',
  'scenario-chart': 'Helper: the scenario chart',
  'non-root': 'Helper: non-root stock images',
  'serve-hostname': 'Helper: serve-hostname backends',
};

function examples(root: string): Example[] {
  const dir = path.join(root, 'examples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((file) => {
      const slug = file.replace(/\.ts$/, '');
      const scenario = /^s(\d\d)-(.*)$/.exec(slug);
      const title = scenario
        ? `Scenario ${Number(scenario[1])}: ${scenario[2].replace(/-/g, ' ')}`
        : (TITLES[slug] ?? slug);
      return { file, slug, title, doc: mainDoc(fs.readFileSync(path.join(dir, file), 'utf8')) };
    })
    .sort((a, b) => order(a.slug) - order(b.slug) || a.slug.localeCompare(b.slug));
}

function order(slug: string): number {
  if (slug === 'example-app') return 0;
  if (/^s\d\d-/.test(slug)) return 1;
  if (slug in TITLES && !TITLES[slug].startsWith('Helper')) return 2;
  return 3;
}

/** Copies the graphs into the site's public folder and writes examples/; returns the sidebar. */
export function writeExamplePages(root: string, srcDir: string): { text: string; link: string }[] {
  const graphs = ['example-app-graph.svg', 'guestbook-prod-graph.svg'];
  for (const g of graphs) {
    const from = path.join(root, 'docs', g);
    if (!fs.existsSync(from)) throw new Error(`docs/${g} is missing: run npm run docs:graph`);
    fs.mkdirSync(path.join(srcDir, 'public', 'graphs'), { recursive: true });
    fs.copyFileSync(from, path.join(srcDir, 'public', 'graphs', g));
  }
  const all = examples(root);
  for (const e of all) {
    const source = fs.readFileSync(path.join(root, 'examples', e.file), 'utf8');
    const shown = source.replace(/from '\.\.\/lib'/g, "from 'kubecraft'");
    const body = [
      `# ${text(e.title)}`,
      '',
      e.doc ? e.doc.replace(/</g, '&lt;').replace(/\{\{/g, '&#123;&#123;') : '',
      '',
      e.slug === 'guestbook'
        ? '![The guestbook in prod: resources and their relations](/graphs/guestbook-prod-graph.svg)\n'
        : '',
      e.slug === 'example-app' ? '![The whole example app](/graphs/example-app-graph.svg)\n' : '',
      `## Source: ${code(`examples/${e.file}`)}`,
      '',
      `In the repository it imports the library's sources (\`'../lib'\`); shown here as an app imports the package (\`'kubecraft'\`). \`npm run synth\` synthesizes it, and the tests in \`test/examples/\` check what it writes.`,
      '',
      fence('ts', shown),
      '',
      'See also: [all examples](./index.md).',
    ];
    writeFile(srcDir, `examples/${e.slug}.md`, page({ title: e.title }, body.join('\n')));
  }
  writeFile(
    srcDir,
    'examples/index.md',
    page(
      { title: 'Examples' },
      [
        '# Examples',
        '',
        "The repository's example app (`main.ts`, `examples/`): the scenarios of the Kubernetes documentation, three real applications built from the patterns, and upstream YAML included as it is. `npm run synth` writes one file per chart into `dist/`; the tests check every file.",
        '',
        table(
          ['example', 'what it is'],
          all.map((e) => [`[${text(e.title)}](./${e.slug}.md)`, text(firstSentence(e.doc))]),
        ),
        '',
        '## The app, drawn',
        '',
        'With `graph: true` on `KubecraftApp`, every output folder gets a picture of its resources and their relations (Service → workload, Ingress → Service, workload → ConfigMap, Secret and PersistentVolumeClaim, allowed traffic, ...), rendered offline with Graphviz. The guestbook in prod:',
        '',
        '![The guestbook in prod: resources and their relations](/graphs/guestbook-prod-graph.svg)',
        '',
        'The whole example app:',
        '',
        '![The whole example app: resources and their relations](/graphs/example-app-graph.svg)',
      ].join('\n'),
    ),
  );
  return [
    { text: 'Overview', link: '/examples/' },
    ...all.map((e) => ({ text: e.title, link: `/examples/${e.slug}` })),
  ];
}
