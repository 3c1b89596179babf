import { REPLICATED_KINDS } from '../../core';
import { Selector } from '../../selectors/selector';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { asObject, isSet, objectsIn, selectorShape } from './shape';

/** Checks label selectors: workloads (non-empty), PodDisruptionBudgets, NetworkPolicies and their peers. */
export function checkSelectors(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  const spec = asObject(m.spec);
  if (!spec) return;
  const selectors: { value: unknown; field: string; mustBeNonEmpty: boolean }[] = [];
  if (REPLICATED_KINDS.has(m.kind) && isSet(spec.selector))
    selectors.push({ value: spec.selector, field: 'spec.selector', mustBeNonEmpty: true });
  if (m.kind === 'Job' && isSet(spec.selector))
    selectors.push({ value: spec.selector, field: 'spec.selector', mustBeNonEmpty: false });
  if (m.kind === 'PodDisruptionBudget' && isSet(spec.selector))
    selectors.push({ value: spec.selector, field: 'spec.selector', mustBeNonEmpty: false });
  if (m.kind === 'NetworkPolicy') {
    if (isSet(spec.podSelector))
      selectors.push({ value: spec.podSelector, field: 'spec.podSelector', mustBeNonEmpty: false });
    for (const dir of ['ingress', 'egress'] as const) {
      const peersKey = dir === 'ingress' ? 'from' : 'to';
      for (const [rule, i] of objectsIn(spec[dir]))
        for (const [peer, j] of objectsIn(rule[peersKey]))
          for (const key of ['podSelector', 'namespaceSelector'] as const)
            if (isSet(peer[key]))
              selectors.push({
                value: peer[key],
                field: `spec.${dir}[${i}].${peersKey}[${j}].${key}`,
                mustBeNonEmpty: false,
              });
    }
  }
  for (const s of selectors) {
    const shape = selectorShape(s.value);
    const hint = 'In/NotIn need values, Exists/DoesNotExist take none; keys and values must be valid labels';
    if (!shape) {
      ctx.report(obj, 'values/selector', s.field, `a selector must be an object (is ${JSON.stringify(s.value)})`, hint);
      continue;
    }
    for (const p of [...shape.problems, ...Selector.problems(shape.spec)])
      ctx.report(obj, 'values/selector', s.field, p, hint);
    const empty =
      Object.keys(shape.spec.matchLabels ?? {}).length === 0 && (shape.spec.matchExpressions ?? []).length === 0;
    if (s.mustBeNonEmpty && empty && shape.problems.length === 0)
      ctx.report(
        obj,
        'values/selector',
        s.field,
        'a workload selector must not be empty',
        'select the pod template labels',
      );
  }
}
