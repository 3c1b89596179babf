// The README's rules table is generated from the rule definitions (lib/validation/rules.ts).
// `npm run docs` rewrites it; this test fails when the README is out of date.
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../lib';

const README = path.join(__dirname, '..', '..', 'README.md');
const BEGIN = '<!-- rules-table:begin (generated from lib/validation/rules.ts by `npm run docs`) -->';
const END = '<!-- rules-table:end -->';

function rulesTable(): string {
  const rows = Object.entries(RULES).map(([id, rule]) => {
    const relax = rule.relaxable
      ? `\`Policy.relax(scope, '${id}', reason)\``
      : (rule.severity as string) === 'info'
        ? 'nothing to relax: information only'
        : 'not relaxable';
    return `| \`${id}\` | ${rule.severity} | ${rule.what} | ${rule.why} | ${relax} |`;
  });
  return ['| rule | severity | what | why | how to relax |', '|---|---|---|---|---|', ...rows].join('\n');
}

test('the README rules table is generated from the rule definitions', () => {
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} ... ${END} block`);
  const current = readme.slice(start + BEGIN.length, end).trim();
  const generated = rulesTable();
  if (process.env.UPDATE_DOCS === '1' && current !== generated) {
    fs.writeFileSync(README, `${readme.slice(0, start + BEGIN.length)}\n${generated}\n${readme.slice(end)}`);
    return;
  }
  expect(current).toBe(generated);
});
