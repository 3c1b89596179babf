/**
 * `refs/namespace`: namespaced objects go to a namespace the app creates, a built-in one, or one declared with External.namespace.
 */
import { namespaceOf } from '../../../core';
import { asObject, asString } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** The `refs/namespace` rule. */
export const RULE: ReferenceRule<'refs/namespace', AppIndex> = referenceRule({
  id: 'refs/namespace',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'namespaced objects go to a namespace the app creates, one every cluster has (default, kube-system, kube-public, kube-node-lease), or one declared with External.namespace',
    why: 'apply fails: namespace not found',
  },
  appliesTo: 'all',
  check: (input, index) => {
    const m = input.manifest;
    const ns = asString(asObject(m.metadata)?.namespace);
    if (!ns || !namespaceOf(m) || index.namespaces.has(ns)) return [];
    return [
      invalid(
        FieldPath.root('metadata').child('namespace'),
        `namespace '${ns}' is neither created by the app nor declared as existing`,
        `create it (new kplus.Namespace(...)) or declare it: External.namespace(scope, '${ns}', reason)`,
      ),
    ];
  },
});
