import * as fs from 'fs';
import * as path from 'path';
import { generateApp } from '../upstream/compose/codegen';
import { keyTable } from '../upstream/compose/keys';
import { parseCompose } from '../upstream/compose/parse';
import { UsageError } from './args';
import { parseCommand } from './command-spec';
import { CONVERT_COMMAND, CONVERT_USAGE } from './commands';

/** `kubecraft convert`. */
export function convertCommand(args: readonly string[]): number {
  const { values, positionals } = parseCommand(CONVERT_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${CONVERT_USAGE}\n`);
    return 0;
  }
  if (values.keys) {
    process.stdout.write(`${keyTable()}\n`);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined) throw new UsageError(`kubecraft convert: no compose file; ${CONVERT_USAGE.split('\n')[0]}`);
  if (!fs.existsSync(file)) throw new UsageError(`kubecraft convert: no such file: ${file}`);
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
  try {
    const project = parseCompose(fs.readFileSync(file, 'utf8'), file, {
      profiles: list(values.profile)?.flatMap((p) => p.split(',')),
      envFiles: list(values['env-file']),
    });
    for (const w of project.warnings) process.stderr.write(`kubecraft convert: warning: ${w}\n`);
    const text = generateApp(project, {
      importFrom: (values['import-from'] as string | undefined) ?? 'kubecraft',
      source: path.basename(file),
    });
    const output = values.output as string | undefined;
    if (output) fs.writeFileSync(output, text);
    else process.stdout.write(text);
    return 0;
  } catch (err) {
    process.stderr.write(`kubecraft convert: ${(err as Error).message}\n`);
    return 1;
  }
}
