import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildAppGraph, renderSvg, toDot, toMermaid } from '../output/app-graph';
import { readManifests } from '../output/manifest-diff';
import { UsageError } from './args';
import { parseCommand } from './command-spec';
import { GRAPH_COMMAND, GRAPH_USAGE } from './commands';
import { synthesizeInto } from './diff';
import { resolveEntry } from './runner';

/** `kubecraft graph`. */
export function graphCommand(args: readonly string[], cli: string): number {
  const { values, positionals } = parseCommand(GRAPH_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${GRAPH_USAGE}\n`);
    return 0;
  }
  const output = values.output as string | undefined;
  const ext = output ? path.extname(output).slice(1) : '';
  const format = (values.format as string | undefined) ?? ({ svg: 'svg', mmd: 'mermaid', md: 'mermaid' }[ext] || 'dot');
  if (!['dot', 'mermaid', 'svg'].includes(format)) {
    throw new UsageError(`kubecraft graph: --format must be dot, mermaid or svg (not '${format}')`);
  }
  const entry = resolveEntry(positionals[0] ?? 'main.ts', 'graph');
  const env = values.env as string | undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-graph-'));
  try {
    synthesizeInto(cli, entry, tmp, process.cwd(), env ? ['--env', env] : []);
    const folder = env ? path.join(tmp, env) : tmp;
    if (env && !fs.existsSync(folder)) throw new Error(`the app wrote no folder for environment '${env}'`);
    const manifests = [...readManifests(folder)].filter(([key]) => key.split('/').length === 3).map(([, m]) => m);
    const graph = buildAppGraph(manifests);
    const dot = toDot(graph, env ? `kubecraft app: ${env}` : 'kubecraft app');
    const text = format === 'dot' ? dot : format === 'mermaid' ? toMermaid(graph) : renderSvg(dot);
    if (output) fs.writeFileSync(output, text);
    else process.stdout.write(text);
    return 0;
  } catch (err) {
    process.stderr.write(`kubecraft graph: ${(err as Error).message}\n`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
