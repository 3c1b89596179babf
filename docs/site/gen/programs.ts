// Runs the site's example programs (docs/site/snippets/**/*.ts that end in `app.synth()`) the way
// `kubecraft synth` runs an app: as the main code of a process whose $CDK8S_OUTDIR is the output
// folder. Here the program runs in this process, once, and its output folder is read back.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One file a program wrote, relative to its output folder. */
export interface WrittenFile {
  readonly path: string;
  readonly content: string;
}

/** What a program did: the files it wrote and what it printed on stderr (the validation report). */
export interface ProgramOutput {
  readonly files: readonly WrittenFile[];
  readonly report: string;
}

/** Runs `file` (a TypeScript program) with $CDK8S_OUTDIR set to a fresh folder; returns what it wrote. */
export function runProgram(file: string): ProgramOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-site-'));
  const saved = { outdir: process.env.CDK8S_OUTDIR, version: process.env.KUBECRAFT_KUBERNETES_VERSION };
  process.env.CDK8S_OUTDIR = outdir;
  delete process.env.KUBECRAFT_KUBERNETES_VERSION;
  const write = process.stderr.write;
  let report = '';
  try {
    // the app prints its validation report (warnings, relaxed findings) on stderr: keep it for the page
    process.stderr.write = ((chunk: string | Uint8Array) => {
      report += chunk.toString();
      return true;
    }) as typeof process.stderr.write;
    require(file);
  } catch (err) {
    throw new Error(`${path.relative(process.cwd(), file)} does not synthesize: ${(err as Error).message}`);
  } finally {
    process.stderr.write = write;
    restore('CDK8S_OUTDIR', saved.outdir);
    restore('KUBECRAFT_KUBERNETES_VERSION', saved.version);
  }
  const files = listFiles(outdir).map((rel) => ({
    path: rel,
    content: fs.readFileSync(path.join(outdir, rel), 'utf8'),
  }));
  fs.rmSync(outdir, { recursive: true, force: true });
  if (files.length === 0) throw new Error(`${file} wrote nothing: does it end with app.synth()?`);
  return { files, report: report.trim() };
}

/**
 * The example programs of the site: every snippet but the rule examples (functions run by their
 * harness) and the testing example (a jest test and the module it tests).
 */
export function programFiles(siteDir: string): string[] {
  const dir = path.join(siteDir, 'snippets');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !/^(rules|testing)[\\/]/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Files under `dir`, relative, sorted: the setup phase first, then the folder's own files. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort((a, b) => depthFirst(a).localeCompare(depthFirst(b)));
}

function depthFirst(p: string): string {
  return p.includes('/') ? `0${p}` : `1${p}`;
}
