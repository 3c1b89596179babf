// kubecraft synth --watch: after every edit, the output folder holds what a fresh
// `kubecraft synth` of the same source writes, byte for byte; an invalid edit fails with the same
// report and leaves the output as it was. (Cycles reuse what unchanged objects validated,
// serialized and wrote: lib/app/incremental.ts.)
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, kubecraft, lib, project } from '../support/cli';

/** A chart module; \`invalid\` adds a ConfigMap whose name the API server refuses (a validation error). */
const chart = (id: string, image: string, invalid = false) => `import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from ${lib};
import { Construct } from 'constructs';
export function ${id}(scope: Construct) {
  const chart = new KubecraftChart(scope, '${id}', { namespace: '${id}' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: '${id}' } });
  new WebService(chart, 'web', { image: '${image}' });
  ${invalid ? "new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });" : ''}
}
`;

const MAIN = `import { KubecraftApp } from ${lib};
import { shop } from './shop';
import { blog } from './blog';
const app = new KubecraftApp({ printReport: false });
shop(app);
blog(app);
app.synth();
`;

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** What a watch cycle printed: a synthesized line, or the report of a failure. */
interface Cycle {
  readonly ok: boolean;
  readonly text: string;
}

test('kubecraft synth --watch: each cycle writes what a fresh synth writes; an invalid edit fails the same way', async () => {
  const dir = project({
    'main.ts': MAIN,
    'shop.ts': chart('shop', 'ghcr.io/acme/shop:1.0.0'),
    'blog.ts': chart('blog', 'ghcr.io/acme/blog:1.0.0'),
  });
  const watched = path.join(dir, 'watched');
  const child = spawn(process.execPath, [cli, 'synth', 'main.ts', '--watch', '--no-typecheck', '-o', watched], {
    cwd: dir,
  });
  let buffer = '';
  let waiting: ((c: Cycle) => void) | undefined;
  child.stderr.on('data', (d: Buffer) => {
    buffer += d.toString();
    const done = /kubecraft: synthesized .*\n|kubecraft: waiting for changes\n/.exec(buffer);
    if (done && waiting) {
      const text = buffer.slice(0, done.index + done[0].length);
      buffer = buffer.slice(done.index + done[0].length);
      const w = waiting;
      waiting = undefined;
      w({ ok: !done[0].includes('waiting'), text });
    }
  });
  const next = () => new Promise<Cycle>((resolve) => (waiting = resolve));
  try {
    let cycle = next();
    expect((await cycle).ok).toBe(true);
    const edits: [string, Record<string, string>][] = [
      ['edit one chart', { 'shop.ts': chart('shop', 'ghcr.io/acme/shop:1.0.1') }],
      ['edit another', { 'blog.ts': chart('blog', 'ghcr.io/acme/blog:2.0.0') }],
      [
        'revert',
        { 'shop.ts': chart('shop', 'ghcr.io/acme/shop:1.0.0'), 'blog.ts': chart('blog', 'ghcr.io/acme/blog:1.0.0') },
      ],
      ['an invalid edit', { 'shop.ts': chart('shop', 'ghcr.io/acme/shop:1.0.0', true) }],
      ['fixed', { 'shop.ts': chart('shop', 'ghcr.io/acme/shop:1.0.0') }],
    ];
    let previous = readTree(watched);
    for (const [i, [what, files]] of edits.entries()) {
      await new Promise((r) => setTimeout(r, 50)); // apart from the previous cycle's writes
      cycle = next();
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
      const result = await cycle;
      const freshDir = path.join(dir, `fresh-${i}`);
      const fresh = kubecraft(['synth', 'main.ts', '--no-typecheck', '-o', freshDir], dir);
      expect({ what, ok: result.ok }).toEqual({ what, ok: fresh.status === 0 });
      if (result.ok) {
        expect({ what, files: readTree(watched) }).toEqual({ what, files: readTree(freshDir) });
      } else {
        // the same report (the watch cycle prefixes nothing to it), and the output as it was
        expect(result.text).toContain(fresh.stderr.trim());
        expect(fresh.stderr).toMatch(/ERROR \[values\/.*\] ConfigMap shop\/Bad_Name/);
        expect(readTree(watched)).toEqual(previous);
      }
      previous = readTree(watched);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}, 120000);
