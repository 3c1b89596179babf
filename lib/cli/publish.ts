import * as fs from 'fs';
import * as path from 'path';
import { REVISION_ANNOTATION } from '../oci/artifact';
import { OciError } from '../oci/errors';
import { publishArtifact, PublishedArtifact } from '../oci/publish';
import { isLoopbackHost, parseOciReference } from '../oci/reference';
import { UsageError } from './args';
import { parseCommand } from './command-spec';
import { PUBLISH_COMMAND, PUBLISH_USAGE } from './commands';
import { configuredOutdir, displayPath, findProject } from './project';

/** `kubecraft publish`. */
export async function publishCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(PUBLISH_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${PUBLISH_USAGE}\n`);
    return 0;
  }
  const url = checkedUrl(positionals[0], 'publish', PUBLISH_COMMAND.args);
  const ref = parseOciReference(url);
  if (ref.tag === undefined || ref.digest !== undefined)
    throw new UsageError(`kubecraft publish: name a tag to publish to: oci://REGISTRY/REPO:TAG (not '${url}')`);
  checkInsecure(values.insecure, ref.hostname, ref.registry, 'publish');
  const outdir = outdirOf(values.output);
  const env = typeof values.env === 'string' ? values.env : undefined;
  const folder = env ? environmentFolder(outdir, env) : outdir;
  const shown = `${displayPath(folder)}/`;
  if (!fs.existsSync(folder)) {
    process.stderr.write(`kubecraft publish: ${shown} does not exist (run kubecraft synth first)\n`);
    return 1;
  }
  let published: PublishedArtifact;
  try {
    published = await publishArtifact({ url, folder, insecure: Boolean(values.insecure) });
  } catch (err) {
    return failed(err, 'publish');
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ folder: shown, ...published }, null, 2)}\n`);
    return 0;
  }
  const git = published.git;
  if (git?.missing)
    process.stderr.write(`kubecraft publish: ${git.missing}: no source, revision or created annotation\n`);
  else if (git && !git.source)
    process.stderr.write('kubecraft publish: the git repository has no remote: no source annotation\n');
  if (git?.dirty)
    process.stderr.write(
      `kubecraft publish: the working tree has changes that are not committed: the revision names the last commit\n`,
    );
  const kb = (published.layer.size / 1024).toFixed(1);
  const uploaded = published.uploaded === 0 ? ', already in the registry' : '';
  process.stdout.write(
    `kubecraft publish: ${shown} (${published.files} file${published.files === 1 ? '' : 's'}, ${kb} KiB compressed${uploaded}) pushed to ${published.reference}\n`,
  );
  const revision = published.annotations[REVISION_ANNOTATION];
  if (revision) process.stdout.write(`  revision ${revision}\n`);
  process.stdout.write(`${published.pinned}\n`);
  return 0;
}

/** The positional `oci://` argument, or a usage error. */
export function checkedUrl(given: string | undefined, command: string, args: string): string {
  if (!given)
    throw new UsageError(`kubecraft ${command}: which artifact? usage: kubecraft ${command} ${args} [options]`);
  try {
    parseOciReference(given);
  } catch (err) {
    if (err instanceof OciError) throw new UsageError(`kubecraft ${command}: ${err.message}`);
    throw err;
  }
  return given;
}

/** `--insecure` is for a registry on this machine only. */
export function checkInsecure(insecure: unknown, hostname: string, registry: string, command: string): void {
  if (!insecure) return;
  if (!isLoopbackHost(hostname)) {
    throw new UsageError(
      `kubecraft ${command}: --insecure (plain HTTP) is allowed only for a registry on this machine (localhost, 127.0.0.1, ::1), not ${registry}`,
    );
  }
}

/** `--output`, else the project's configured output folder. */
export function outdirOf(given: unknown): string {
  return typeof given === 'string' ? path.resolve(given) : configuredOutdir(findProject(process.cwd()));
}

/** An `OciError` as one line on stderr, exit 1 (2 for a usage error); anything else is a bug and is thrown. */
export function failed(err: unknown, command: string): number {
  if (!(err instanceof OciError)) throw err;
  process.stderr.write(`kubecraft ${command}: ${err.message}\n`);
  return err.kind === 'usage' ? 2 : 1;
}

function environmentFolder(outdir: string, env: string): string {
  const folder = path.join(outdir, env);
  if (
    env !== 'setup' &&
    !env.includes('/') &&
    !env.startsWith('.') &&
    fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()
  )
    return folder;
  const envs = fs.existsSync(outdir)
    ? fs
        .readdirSync(outdir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== 'setup' && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
    : [];
  const has = envs.length > 0 ? `; it has ${envs.join(', ')}` : '';
  throw new UsageError(`kubecraft publish: no environment ${env} in ${displayPath(outdir)}/${has}`);
}
