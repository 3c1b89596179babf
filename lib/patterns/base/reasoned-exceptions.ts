import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError } from '../../core/errors';
import { Policy } from '../../validation/policy';
import { PatternContainerOptions } from '../pattern-container';

// The reasoned exceptions of the patterns' secure defaults: running as root, a writable root
// filesystem, added capabilities. Each needs a written reason (recorded as the relaxation of its
// policy rule, so the report shows it) or a relaxation on an enclosing scope.

/** What `resolveRoot` reads of a pattern's props. */
type RootProps = Pick<PatternContainerOptions, 'user' | 'runAsRootReason'>;

/** Whether `rule` is relaxed on `scope` or an enclosing scope. */
export function relaxed(scope: IConstruct, rule: string): boolean {
  return Policy.relaxationsOf(scope).some((r) => r.rule === rule);
}

/** Checks a written reason and records it as a relaxation of `rule` on `scope`. */
export function relaxWithReason(scope: IConstruct, prop: string, rule: string, reason: string): void {
  if (reason.trim().length < 10)
    throw new ConstructError(scope, `'${reason}' is not a reason`, {
      prop,
      hint: 'say in at least 10 characters why the pattern needs it',
    });
  Policy.relax(scope, rule, reason);
}

/** Whether the pattern runs as root: reasoned by `runAsRootReason`, or `user: 0` under a relaxation. */
export function resolveRoot(scope: IConstruct, props: RootProps): boolean {
  if (props.runAsRootReason !== undefined) {
    if (props.user !== undefined && props.user !== 0)
      throw new ConstructError(scope, `runAsRootReason runs the pods as root, but user is ${props.user}`, {
        prop: 'user',
        hint: 'remove user, or remove runAsRootReason',
      });
    relaxWithReason(scope, 'runAsRootReason', 'policy/run-as-non-root', props.runAsRootReason);
    return true;
  }
  if (props.user === 0) {
    if (relaxed(scope, 'policy/run-as-non-root')) return true;
    throw new ConstructError(scope, 'running as root (user 0) needs a written reason', {
      prop: 'user',
      hint: "give runAsRootReason: '<why the image needs root>' instead of user: 0, or call Policy.relax(<chart or enclosing scope>, 'policy/run-as-non-root', '<why>') before creating the pattern",
    });
  }
  return false;
}

/** Whether the main container's root filesystem is writable (reasoned, or under a relaxation). */
export function resolveWritableRoot(scope: IConstruct, props: PatternContainerOptions): boolean {
  if (props.writableRootFilesystemReason !== undefined) {
    if (props.readOnlyRootFilesystem === true)
      throw new ConstructError(scope, 'writableRootFilesystemReason contradicts readOnlyRootFilesystem: true', {
        prop: 'readOnlyRootFilesystem',
      });
    relaxWithReason(
      scope,
      'writableRootFilesystemReason',
      'policy/read-only-root-fs',
      props.writableRootFilesystemReason,
    );
    return true;
  }
  if (props.readOnlyRootFilesystem === false) {
    if (relaxed(scope, 'policy/read-only-root-fs')) return true;
    throw new ConstructError(scope, 'a writable root filesystem needs a written reason', {
      prop: 'readOnlyRootFilesystem',
      hint: "give writableRootFilesystemReason: '<why>', or relax policy/read-only-root-fs on an enclosing scope first; or keep it read-only and list the paths the process writes in writablePaths",
    });
  }
  return false;
}

/** The capabilities to add, with anything but NET_BIND_SERVICE reasoned or relaxed. */
export function resolveCapabilities(scope: IConstruct, props: PatternContainerOptions): kplus.Capability[] {
  const caps = props.capabilities;
  if (caps === undefined) return [];
  caps.add.forEach((c, i) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(c) || c.startsWith('CAP_') || c === 'ALL')
      throw new ConstructError(scope, `'${c}' is not a capability name`, {
        prop: `capabilities.add[${i}]`,
        hint: "give the name Kubernetes uses, without the CAP_ prefix, e.g. 'IPC_LOCK'",
      });
  });
  // cdk8s-plus-27's Capability enum carries a CAP_ prefix and has no ALL; Kubernetes takes the bare names
  const add = caps.add.map((c) => c as kplus.Capability);
  const beyond = caps.add.filter((c) => c !== 'NET_BIND_SERVICE');
  if (caps.reason !== undefined) {
    relaxWithReason(scope, 'capabilities.reason', 'policy/capabilities', caps.reason);
  } else if (beyond.length > 0 && !relaxed(scope, 'policy/capabilities')) {
    throw new ConstructError(scope, `adding ${beyond.join(', ')} breaks the restricted Pod Security Standard`, {
      prop: 'capabilities.reason',
      hint: 'say why in capabilities.reason (recorded as the policy/capabilities relaxation), or relax policy/capabilities on an enclosing scope first',
    });
  }
  return add;
}
