// The cases of refs/selector-template (lib/validation/rules/refs/selector-template.ts): its check
// on plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by selector-template.test.ts.
import { replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `refs/selector-template`. */
export const CASES: RuleCases = {
  bad: {
    'a selector the template does not carry': {
      manifest: deployment(goodPodSpec(), { selector: { matchLabels: { app: 'other' } } }),
      fields: ['spec.selector'],
    },
  },
  good: {
    'the template labels': { manifest: deployment() },
    'a malformed selector (values/selector reports it)': {
      manifest: deployment(goodPodSpec(), { selector: { matchExpressions: [{}] } }),
    },
  },
  app: {
    'selector not matching the template': {
      table: 'bad-input',
      rule: 'refs/selector-template',
      path: WEB,
      field: 'spec.selector',
      mutate: (f) => patch(f.web, replace('/spec/selector/matchLabels/app', 'api')),
    },
  },
};
