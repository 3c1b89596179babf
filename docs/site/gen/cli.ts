// The CLI reference, generated from the CLI's own table of commands (COMMANDS in
// lib/cli/commands.ts): the same table `kubecraft --help` and every `kubecraft <command> --help`
// are printed from and every command parses its arguments with. So the reference lists every
// option the installed version accepts, with its value, other spellings and default, and no other.
import { CommandSpec, flagsOf, OptionSpec, synopsisOf, usageOf } from '../../../lib/cli/command-spec';
import { COMMANDS, USAGE } from '../../../lib/cli/commands';
import { code, fence, page, table, text, writeFile } from './markdown';

/** The option as it is typed: `--output, -o DIR`. */
function optionCell(o: OptionSpec): string {
  return code(flagsOf(o));
}

/** Other spellings the option accepts. */
function aliasesCell(o: OptionSpec): string {
  return (o.aliases ?? []).map((a) => code(`--${a}`)).join(', ');
}

function defaultCell(o: OptionSpec): string {
  return o.default !== undefined ? code(o.default) : '';
}

function helpCell(o: OptionSpec): string {
  return text(o.multiple ? `${o.help} (may be given more than once)` : o.help);
}

/** The description of a command: paragraphs as text, indented blocks (tables of phases) as code. */
function descriptionBlocks(description: string): string[] {
  return description
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => (/^ {2}\S/m.test(p) ? fence('text', p) : text(p)));
}

function commandPage(c: CommandSpec): string {
  const body = [
    `# kubecraft ${c.name}`,
    '',
    text(c.summary),
    '',
    fence('text', synopsisOf(c).replace(/^usage: /, '')),
    '',
    ...descriptionBlocks(c.description),
    '',
    '## Options',
    '',
  ];
  if (c.options.length > 0) {
    body.push(
      table(
        ['option', 'also', 'default', 'what it does'],
        c.options.map((o) => [optionCell(o), aliasesCell(o), defaultCell(o), helpCell(o)]),
      ),
      '',
    );
  }
  body.push(
    [
      '`--help` (`-h`) prints the usage text below and exits 0.',
      c.appArgs
        ? 'Arguments after `--` go to the app (`process.argv`).'
        : `\`kubecraft ${c.name}\` runs no app, so it takes no arguments after \`--\`.`,
      'An unknown option (with the closest known one as a suggestion), a missing value or too many arguments print one line and exit 2, before anything runs.',
    ].join(' '),
    '',
    '## Usage text',
    '',
    `What \`kubecraft ${c.name} --help\` prints:`,
    '',
    fence('text', usageOf(c)),
    '',
    'See also: [all commands](./index.md), [getting started](../guide/getting-started.md).',
  );
  return page({ title: `kubecraft ${c.name}` }, body.join('\n'));
}

/** Writes cli/index.md and one page per command; returns the sidebar. */
export function writeCliPages(srcDir: string): { text: string; link: string }[] {
  if (COMMANDS.length === 0) throw new Error('lib/cli/commands.ts lists no commands');
  const rows = COMMANDS.map((c) => [
    `[${code(`kubecraft ${`${c.name} ${c.args}`.trim()}`)}](./${c.name}.md)`,
    text(c.summary),
  ]);
  writeFile(
    srcDir,
    'cli/index.md',
    page(
      { title: 'CLI reference' },
      [
        '# CLI reference',
        '',
        "Generated from the CLI's own table of commands, the one `kubecraft --help` is printed from and every command parses its arguments with: each page lists every option the command accepts, and no other.",
        '',
        table(['command', 'what it does'], rows),
        '',
        '<!--@include: ./_notes.md-->',
        '',
        '## `kubecraft --help`',
        '',
        fence('text', USAGE),
      ].join('\n'),
    ),
  );
  for (const c of COMMANDS) writeFile(srcDir, `cli/${c.name}.md`, commandPage(c));
  return [
    { text: 'Overview', link: '/cli/' },
    ...COMMANDS.map((c) => ({ text: `kubecraft ${c.name}`, link: `/cli/${c.name}` })),
  ];
}
