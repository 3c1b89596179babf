import { UsageError } from './args';
import { USAGE } from './commands';
import { ownPackageJson } from './project';

// Each command's module is loaded when the command runs: `kubecraft synth` does not pay for
// loading the converter, the importer or the differ.
const commands = {
  init: () => (require('./init') as typeof import('./init')).initCommand,
  synth: () => (require('./synth') as typeof import('./synth')).synthCommand,
  validate: () => (require('./validate') as typeof import('./validate')).validateCommand,
  diff: () => (require('./diff') as typeof import('./diff')).diffCommand,
  apply: () => (require('./apply') as typeof import('./apply')).applyCommand,
  graph: () => (require('./graph') as typeof import('./graph')).graphCommand,
  import: () => (require('./import') as typeof import('./import')).importCommand,
  convert: () => (require('./convert') as typeof import('./convert')).convertCommand,
  publish: () => (require('./publish') as typeof import('./publish')).publishCommand,
  pull: () => (require('./pull') as typeof import('./pull')).pullCommand,
  snapshot: () => (require('./snapshot') as typeof import('./snapshot')).snapshotCommand,
};

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
        return commands.init()(args);
      case 'synth':
        return await commands.synth()(args);
      case 'validate':
        return await commands.validate()(args);
      case 'diff':
        return await commands.diff()(args, cli);
      case 'apply':
        return await commands.apply()(args, cli);
      case 'graph':
        return commands.graph()(args, cli);
      case 'import':
        return commands.import()(args);
      case 'convert':
        return commands.convert()(args);
      case 'publish':
        return await commands.publish()(args);
      case 'pull':
        return await commands.pull()(args);
      case 'snapshot':
        return commands.snapshot()(args);
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
