import * as fs from 'fs';
import * as path from 'path';
import { generateApp } from '../upstream/compose/codegen';
import { keyTable } from '../upstream/compose/keys';
import { parseCompose } from '../upstream/compose/parse';
import { parseCommandArgs, UsageError } from './args';

export const CONVERT_USAGE = `usage: kubecraft convert <docker-compose.yml> [--output app.ts] [--import-from MODULE] [--profile NAME]... [--env-file FILE]... | --keys

Writes a runnable kubecraft app (TypeScript) from a docker-compose file, read as docker compose
reads it: the .env file next to it (or --env-file) under the environment, interpolation
(\${VAR:-default}, $$), YAML merge keys, include, extends, env_file. Services with a TCP port
become WebServices, with named volumes too StatefulServices, the others Workers; published
ports are reached from outside (a LoadBalancer, or a NodePort for ephemeral host ports);
depends_on, links and environment values naming a service become connectTo. Services of
profiles that are not active are left out, as compose leaves them out: activate profiles with
--profile (or COMPOSE_PROFILES; '*' for all). Images compose builds come from <SERVICE>_IMAGE
when the app runs. Decisions left to you and what is not mapped are listed at the top of the
file; --keys prints what convert does with every compose key. Prints to stdout unless
--output is given; the app imports from --import-from (default kubecraft).`;

/** `kubecraft convert`. */
export function convertCommand(args: readonly string[]): number {
  const { values, positionals } = parseCommandArgs(
    'convert',
    args,
    {
      output: { type: 'string', short: 'o' },
      'import-from': { type: 'string' },
      profile: { type: 'string', multiple: true },
      'env-file': { type: 'string', multiple: true },
      keys: { type: 'boolean' },
    },
    1,
    CONVERT_USAGE,
  );
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
