import { IConstruct } from 'constructs';
import { knownProps } from '../core/known-props';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems, labelValueProblems } from '../values/dns-name';

/**
 * Who a pattern is: the props every pattern takes, from which its recommended labels, its pod
 * selector and the names of its objects come.
 */
export interface PatternIdentityProps {
  /**
   * The name: `app.kubernetes.io/name`, the name of every object the pattern creates, and (for
   * patterns with a Service) the Service's DNS name. A DNS-1123 label.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * `app.kubernetes.io/instance`: tells apart several installations of the same application.
   *
   * @default - the name
   */
  readonly instance?: string;
  /**
   * `app.kubernetes.io/component`: the role in the architecture.
   *
   * @default - the pattern's own: 'web' (WebService), 'database' (StatefulService), 'worker' (Worker), 'agent' (NodeAgent), 'batch' (BatchJob, ScheduledJob)
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`: the application it belongs to.
   *
   * @default - no `app.kubernetes.io/part-of` label
   */
  readonly partOf?: string;
}

/** The props of `PatternIdentityProps`. */
export const PATTERN_IDENTITY_PROPS = knownProps<PatternIdentityProps>('PatternIdentityProps')([
  'name',
  'instance',
  'component',
  'partOf',
]);

/** A pattern's identity with its defaults applied, from which its labels and selector come. */
export interface PatternIdentity {
  /** `app.kubernetes.io/name`, and the base of every object name. */
  readonly name: string;
  /** `app.kubernetes.io/instance`. */
  readonly instance: string;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** `app.kubernetes.io/part-of`, if set. */
  readonly partOf?: string;
  /** `app.kubernetes.io/version`, if set. */
  readonly version?: string;
}

/**
 * Applies the defaults to `props` (name: the construct id of `scope`; instance: the name;
 * component: `defaultComponent`) and validates the result; an invalid value throws a
 * `ConstructError` naming `scope` and the prop.
 */
export function resolveIdentity(
  scope: IConstruct,
  props: PatternIdentityProps,
  defaultComponent: string,
): PatternIdentity {
  const name = props.name ?? scope.node.id;
  const identity: PatternIdentity = {
    name,
    instance: props.instance ?? name,
    component: props.component ?? defaultComponent,
    partOf: props.partOf,
  };
  assertValid(scope, 'name', identity.name, dns1123LabelProblems(identity.name));
  const labelValues = {
    instance: identity.instance,
    component: identity.component,
    partOf: identity.partOf,
    version: identity.version,
  };
  for (const [prop, value] of Object.entries(labelValues)) {
    if (value !== undefined) assertValid(scope, prop, value, labelValueProblems(value));
  }
  return identity;
}
