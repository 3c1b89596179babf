import { OciError } from '../oci/errors';
import { pullArtifact, PulledArtifact } from '../oci/pull';
import { parseOciReference } from '../oci/reference';
import { parseCommand } from './command-spec';
import { PULL_COMMAND, PULL_USAGE } from './commands';
import { displayPath } from './project';
import { checkedUrl, checkInsecure, outdirOf } from './publish';

/** `kubecraft pull`. */
export async function pullCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(PULL_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${PULL_USAGE}\n`);
    return 0;
  }
  const url = checkedUrl(positionals[0], 'pull', PULL_COMMAND.args);
  const ref = parseOciReference(url);
  checkInsecure(values.insecure, ref.hostname, ref.registry, 'pull');
  const folder = outdirOf(values.output);
  let pulled: PulledArtifact;
  try {
    pulled = await pullArtifact({ url, folder, insecure: Boolean(values.insecure) });
  } catch (err) {
    if (!(err instanceof OciError)) throw err;
    process.stderr.write(`kubecraft pull: ${err.message} (${displayPath(folder)}/ is as it was)\n`);
    return err.kind === 'usage' ? 2 : 1;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ folder: `${displayPath(folder)}/`, ...pulled }, null, 2)}\n`);
    return 0;
  }
  const n = pulled.files.length;
  process.stdout.write(
    `kubecraft pull: ${pulled.pinned} extracted into ${displayPath(folder)}/ (${n} file${n === 1 ? '' : 's'})\n`,
  );
  if (pulled.revision || pulled.source)
    process.stdout.write(
      `  ${[pulled.source && `source ${pulled.source}`, pulled.revision && `revision ${pulled.revision}`].filter(Boolean).join(', ')}\n`,
    );
  return 0;
}
