import * as fs from 'fs';
import * as path from 'path';
import { generateApp } from '../upstream/compose/codegen';
import { parseCompose } from '../upstream/compose/parse';
import { parseCommandArgs, UsageError } from './args';

export const CONVERT_USAGE = `usage: kubecraft convert <docker-compose.yml> [--output app.ts] [--import-from MODULE]

Writes a runnable kubecraft app (TypeScript) from a docker-compose file: services with ports
become WebServices, with named volumes StatefulServices, with neither Workers; depends_on,
links and environment values naming a service become connectTo. What is not mapped is listed
at the top of the file. Prints to stdout unless --output is given; the app imports from
--import-from (default kubecraft).`;

/** `kubecraft convert`. */
export function convertCommand(args: readonly string[]): number {
  const { values, positionals } = parseCommandArgs(
    'convert',
    args,
    { output: { type: 'string', short: 'o' }, 'import-from': { type: 'string' } },
    1,
    CONVERT_USAGE,
  );
  if (values.help) {
    process.stdout.write(`${CONVERT_USAGE}\n`);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined) throw new UsageError(`kubecraft convert: no compose file; ${CONVERT_USAGE.split('\n')[0]}`);
  if (!fs.existsSync(file)) throw new UsageError(`kubecraft convert: no such file: ${file}`);
  try {
    const project = parseCompose(fs.readFileSync(file, 'utf8'), file);
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
