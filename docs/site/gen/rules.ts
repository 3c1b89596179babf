// One page per validation rule in RULES: what it checks and why (from the rule's definition),
// what it follows (from its example module), a bad and a good example (docs/site/snippets/rules/
// <rule>.ts, included in the page) with the report kubecraft gives for each (run here, at build
// time, through the same harness the tests use), how to fix it and how to relax it.
import { formatReport, RULES, RuleInfo } from 'kubecraft';
import { RELAX_REASON, ruleExample, ruleExampleProblems, validateExample } from '../snippets/rules/harness';
import { code, fence, page, table, text, writeFile } from './markdown';

const GROUPS: Record<string, { title: string; intro: string }> = {
  schema: {
    title: 'Schema',
    intro: 'Every object against the official schema of its kind in the target Kubernetes version, strictly.',
  },
  values: {
    title: 'Values',
    intro:
      'What the API server checks beyond the schema, following its validation code. Not relaxable: the server would refuse the object anyway (except where noted).',
  },
  refs: {
    title: 'References',
    intro:
      'References across the app: what selects, targets, mounts or binds what. The API server accepts most of these; the app then does not work.',
  },
  policy: {
    title: 'Policy',
    intro:
      'Secure by default: every control of the Pod Security Standards "baseline" and "restricted" profiles, plus resources, pinned images, probes and no plaintext Secrets. Relaxable, with a reason.',
  },
};

const SEVERITY_BADGE: Record<string, string> = { error: 'danger', warning: 'warning', info: 'info' };

function groupOf(id: string): string {
  return id.split('/')[0];
}

/** Writes rules/index.md and rules/<group>/<name>.md for every rule; returns the sidebar. */
export function writeRulePages(
  srcDir: string,
): { text: string; collapsed?: boolean; items: { text: string; link: string }[] }[] {
  const ids = Object.keys(RULES) as (keyof typeof RULES)[];
  const problems = ids.flatMap((id) => ruleExampleProblems(id, RULES[id].relaxable).map((p) => `${id}: ${p}`));
  if (problems.length > 0) throw new Error(`rule examples that do not show their rule:\n  ${problems.join('\n  ')}`);

  for (const id of ids) {
    writeFile(srcDir, `rules/${id}.md`, rulePage(id, RULES[id]));
    // the bad example's report, for other pages to include
    const bad = validateExample(ruleExample(id), 'bad').report;
    writeFile(srcDir, `_generated/rules/${id}.bad.md`, `${fence('text', formatReport(bad))}\n`);
  }

  const sections = Object.keys(GROUPS).map((g) => {
    const rows = ids
      .filter((id) => groupOf(id) === g)
      .map((id) => {
        const r: RuleInfo = RULES[id];
        return [`[${code(id)}](./${id}.md)`, r.severity, r.relaxable ? 'yes' : 'no', text(r.what)];
      });
    return [
      `## ${GROUPS[g].title}`,
      '',
      GROUPS[g].intro,
      '',
      table(['rule', 'severity', 'relaxable', 'what it checks'], rows),
    ].join('\n');
  });
  const unknownGroups = ids.map(groupOf).filter((g) => !GROUPS[g]);
  if (unknownGroups.length > 0) throw new Error(`rules of an unknown group: ${unknownGroups.join(', ')}`);
  writeFile(
    srcDir,
    'rules/index.md',
    page(
      { title: 'Validation rules' },
      [
        '# Validation rules',
        '',
        `Every rule kubecraft checks at synth: ${ids.length} rules, generated from their definitions (\`RULES\`). Each page shows a bad example, the report kubecraft gives for it, and the example fixed. How validation works: [Validation](../concepts/validation.md); exceptions: [Relaxations](../concepts/relaxations.md).`,
        '',
        ...sections,
        '',
        '## How the examples run',
        '',
        "Each example is a function that adds objects to a chart. The site's build and the tests run every one through this harness: a fresh app with one chart, `shop`, whose namespace the app creates (`docs/site/snippets/rules/harness.ts`):",
        '',
        '<<< @/snippets/rules/harness.ts#harness',
        '',
        'The tests check that each bad example gives findings of its rule and of no other (a few name a second rule they cannot avoid), that each good example validates with no finding at all, and that a relaxable rule, relaxed on the chart, turns the errors into relaxed findings.',
      ].join('\n'),
    ),
  );
  return Object.keys(GROUPS).map((g) => ({
    text: GROUPS[g].title,
    collapsed: g !== 'schema',
    items: [
      ...(g === 'schema' ? [{ text: 'All rules', link: '/rules/' }] : []),
      ...ids.filter((id) => groupOf(id) === g).map((id) => ({ text: id, link: `/rules/${id}` })),
    ],
  }));
}

function rulePage(id: string, rule: RuleInfo): string {
  const example = ruleExample(id);
  const file = `@/snippets/rules/${id}.ts`;
  const bad = validateExample(example, 'bad').report;
  const good = validateExample(example, 'good').report;
  const also = (example.alsoFinds ?? []).filter((r) => r !== id);
  const hints = [...new Set(bad.findings.filter((f) => f.rule === id).map((f) => f.hint))].filter(Boolean);
  const depth = '../'.repeat(id.split('/').length);
  const version = example.kubernetesVersion
    ? `\n\nThe example targets Kubernetes ${example.kubernetesVersion} (\`new KubecraftApp({ kubernetesVersion: '${example.kubernetesVersion}' })\`): the rule depends on the version.`
    : '';
  const body = [
    `# ${id}`,
    '',
    `<Badge type="${SEVERITY_BADGE[rule.severity] ?? 'info'}" text="${rule.severity}" /> <Badge type="${rule.relaxable ? 'tip' : 'info'}" text="${rule.relaxable ? 'relaxable' : 'not relaxable'}" />`,
    '',
    `**What it checks:** ${text(rule.what)}.`,
    '',
    `**Why:** ${text(rule.why)}.`,
    '',
    `**What it follows:** ${example.follows}`,
    '',
    '## Bad',
    '',
    `<<< ${file}#bad`,
    '',
    rule.severity === 'error'
      ? '`kubecraft synth` refuses it, writes nothing and exits 1:'
      : rule.severity === 'warning'
        ? '`kubecraft synth` writes it and reports:'
        : '`kubecraft synth` writes it and records:',
    '',
    fence('text', formatReport(bad)),
    also.length > 0
      ? `\nThe example also breaks ${also.map((r) => `[${code(r)}](${depth}rules/${r}.md)`).join(', ')}: it cannot be avoided here.`
      : '',
    '',
    '## Good',
    '',
    `<<< ${file}#good`,
    '',
    fence('text', formatReport(good)),
    version,
    '',
    '## How to fix it',
    '',
    hints.length > 0 ? `The report says how: ${hints.map((h) => `*${text(h)}*`).join('; ')}.` : 'See the good example.',
    '',
    '## How to relax it',
    '',
    rule.relaxable ? relaxSection(id, example.alsoFinds ?? [], depth) : notRelaxable(rule),
    '',
    `See also: [all rules](${depth}rules/index.md), [Validation](${depth}concepts/validation.md), [\`RULES\`](${depth}api/variables/RULES.md).`,
  ];
  return page({ title: id }, body.join('\n'));
}

function relaxSection(id: string, alsoFinds: readonly string[], depth: string): string {
  const rules = [...new Set([id, ...alsoFinds])];
  const relaxed = validateExample(ruleExample(id), 'bad', { rules, reason: RELAX_REASON }).report;
  const calls = rules.map((r) => `Policy.relax(chart, '${r}', '${RELAX_REASON}');`).join('\n');
  return [
    `Where the rule does not apply, relax it for one construct (and what is below it) or a whole chart, with a written reason; it stays in every report. [\`Policy.relax\`](${depth}api/classes/Policy.md), [Relaxations](${depth}concepts/relaxations.md).`,
    '',
    fence('ts', `${calls}\nbad(chart); // the bad example above`),
    '',
    fence('text', formatReport(relaxed)),
  ].join('\n');
}

function notRelaxable(rule: RuleInfo): string {
  return `It cannot be relaxed (\`Policy.relax\` refuses it): ${text(rule.why)}. Fix the object instead.`;
}
