import { Manifest, REPLICATED_KINDS } from '../../core';
import { Selector } from '../../selectors/selector';
import { FieldPath } from '../field-path';
import { invalid, Problem } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { asObject, isSet, objectsIn, selectorShape } from './shape';

/** Checks label selectors: workloads (non-empty), PodDisruptionBudgets, NetworkPolicies and their peers. */
export function checkSelectors(ctx: ValidationContext, obj: ObjectToValidate): void {
  ctx.reportAll(obj, selectorProblems(obj.manifest));
}

/** The problems of the label selectors of an object. */
export function selectorProblems(m: Manifest): Problem[] {
  const spec = asObject(m.spec);
  if (!spec) return [];
  const out: Problem[] = [];
  const root = FieldPath.root('spec');
  const selectors: { value: unknown; field: FieldPath; mustBeNonEmpty: boolean }[] = [];
  if (REPLICATED_KINDS.has(m.kind) && isSet(spec.selector))
    selectors.push({ value: spec.selector, field: root.child('selector'), mustBeNonEmpty: true });
  if (m.kind === 'Job' && isSet(spec.selector))
    selectors.push({ value: spec.selector, field: root.child('selector'), mustBeNonEmpty: false });
  if (m.kind === 'PodDisruptionBudget' && isSet(spec.selector))
    selectors.push({ value: spec.selector, field: root.child('selector'), mustBeNonEmpty: false });
  if (m.kind === 'NetworkPolicy') {
    if (isSet(spec.podSelector))
      selectors.push({ value: spec.podSelector, field: root.child('podSelector'), mustBeNonEmpty: false });
    for (const dir of ['ingress', 'egress'] as const) {
      const peersKey = dir === 'ingress' ? 'from' : 'to';
      for (const [rule, i] of objectsIn(spec[dir]))
        for (const [peer, j] of objectsIn(rule[peersKey]))
          for (const key of ['podSelector', 'namespaceSelector'] as const)
            if (isSet(peer[key]))
              selectors.push({
                value: peer[key],
                field: root.child(dir).index(i).child(peersKey).index(j).child(key),
                mustBeNonEmpty: false,
              });
    }
  }
  for (const s of selectors) {
    const shape = selectorShape(s.value);
    const hint = 'In/NotIn need values, Exists/DoesNotExist take none; keys and values must be valid labels';
    if (!shape) {
      out.push(
        invalid(s.field, `a selector must be an object (is ${JSON.stringify(s.value)})`, hint, 'values/selector'),
      );
      continue;
    }
    for (const p of [...shape.problems, ...Selector.problems(shape.spec)])
      out.push(invalid(s.field, p, hint, 'values/selector'));
    const empty =
      Object.keys(shape.spec.matchLabels ?? {}).length === 0 && (shape.spec.matchExpressions ?? []).length === 0;
    if (s.mustBeNonEmpty && empty && shape.problems.length === 0)
      out.push(
        invalid(s.field, 'a workload selector must not be empty', 'select the pod template labels', 'values/selector'),
      );
  }
  return out;
}
