/**
 * `policy/resources`: every container (init containers too) sets CPU and memory requests and limits.
 */
import { asObject } from '../../../core';
import { required, Problem } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/resources` rule. */
export const RULE: ObjectRule<'policy/resources'> = objectRule({
  id: 'policy/resources',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'every container (init containers too) sets CPU and memory requests and limits',
    why: 'unbounded containers starve their neighbours and make scheduling guesswork',
  },
  appliesTo: 'pods',
  check: perContainer((c) => {
    const problems: Problem[] = [];
    const resources = asObject(c.container.resources);
    for (const section of ['requests', 'limits'] as const) {
      const values = asObject(resources?.[section]);
      const missing = ['cpu', 'memory'].filter((r) => values?.[r] === undefined);
      if (missing.length > 0)
        problems.push(
          required(
            c.path.child('resources').child(section),
            `${c.label} sets no ${missing.join(' or ')} ${section}`,
            `set resources.${section} for ${missing.join(' and ')}`,
          ),
        );
    }
    return problems;
  }),
});
