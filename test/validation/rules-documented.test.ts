import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../lib';

test('every rule is documented in the README rules table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  for (const id of Object.keys(RULES)) expect(readme).toContain(`| \`${id}\` |`);
});
