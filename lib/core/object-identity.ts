import { isClusterScoped } from './kinds';
import { apiGroupOf, Manifest } from './manifest';

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects: how reports name an object. */
export function describeObject(m: Manifest): string {
  const ns = namespaceOf(m);
  const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '<unnamed>';
  return `${m.kind} ${ns ? `${ns}/` : ''}${name}`;
}

/** The effective namespace of an object: '' for cluster-scoped kinds and when unset. */
export function namespaceOf(m: Manifest): string {
  const ns = m.metadata?.namespace;
  return isClusterScoped(m.kind) || typeof ns !== 'string' ? '' : ns;
}

/**
 * The identity of an object in a cluster: API group, kind, effective namespace and name,
 * joined by `|`. Two objects with the same identity are the same object at apply.
 */
export function objectIdentity(m: Manifest): string {
  const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
  return `${apiGroupOf(String(m.apiVersion))}|${m.kind}|${namespaceOf(m)}|${name}`;
}
