import { UsageError } from './args';
import { convertCommand } from './convert';
import { diffCommand } from './diff';
import { graphCommand } from './graph';
import { importCommand } from './import';
import { initCommand } from './init';
import { ownPackageJson } from './project';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

export const USAGE = `usage: kubecraft <command> [options]

commands:
  init                        scaffold an app in the current folder (main.ts, test, cdk8s.yaml, ...)
  synth [app.ts]              synthesize into dist/, validated, atomically (--env, --outdir, --watch)
  validate [app.ts]           type-check and validate; write nothing (--format json)
  diff [app.ts]               what a synth would change in dist/, per resource and field
  graph [app.ts]              the app's resources and relations as DOT, Mermaid or SVG
  import <crds.yaml> [names]  typed classes for custom resources, from a local CRD file
  convert <compose.yml>       a kubecraft app (TypeScript) from a docker-compose file

kubecraft <command> --help for a command's options; kubecraft --version.`;

/**
 * Runs the kubecraft CLI and returns its exit code: 0 success, 1 the app or its checks failed,
 * 2 a usage error (unknown command or option, missing file). `cli` is the script this process
 * runs (used to synthesize in child processes).
 */
export async function main(argv: readonly string[], cli: string = process.argv[1]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'init':
        return initCommand(args);
      case 'synth':
        return await synthCommand(args);
      case 'validate':
        return await validateCommand(args);
      case 'diff':
        return diffCommand(args, cli);
      case 'graph':
        return graphCommand(args, cli);
      case 'import':
        return importCommand(args);
      case 'convert':
        return convertCommand(args);
      case '--version':
      case '-v':
        process.stdout.write(`${ownPackageJson().version}\n`);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 2;
      default:
        throw new UsageError(
          `kubecraft: unknown ${command.startsWith('-') ? 'option' : 'command'} '${command}' (kubecraft --help lists the commands)`,
        );
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
