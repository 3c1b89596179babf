// The cases of policy/secure-defaults-applied (lib/validation/rules/policy/secure-defaults-
// applied.ts): its check on plain manifests (bad and good), and the bad-input rows that break it in
// the fixture app (app), run by secure-defaults-applied.test.ts.
import { deployment, RuleCases } from '../rule-cases';

/** The cases of `policy/secure-defaults-applied`. */
export const CASES: RuleCases = {
  bad: {
    'a change made on request (information)': {
      manifest: deployment(),
      appliedChanges: {
        requestedBy: 'applySecureDefaults',
        changes: [{ field: 'spec.template.spec.securityContext.seccompProfile', value: '{"type":"RuntimeDefault"}' }],
      },
      fields: [''],
      message: 'applySecureDefaults set 1 field the manifest left unset',
    },
  },
  good: {
    'no change': { manifest: deployment() },
    'an empty record': { manifest: deployment(), appliedChanges: { requestedBy: 'applySecureDefaults', changes: [] } },
  },
};
