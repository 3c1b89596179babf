import { IConstruct } from 'constructs';
import { checkKnownProps, KnownProps, knownProps } from '../../core/known-props';
import {
  PATTERN_CAPABILITIES_PROPS,
  PATTERN_CONTAINER_PROPS,
  PATTERN_FILE_PROPS,
  PATTERN_LIFECYCLE_PROPS,
  PATTERN_MOUNT_PROPS,
  PatternContainerOptions,
} from '../pattern-container';
import { PATTERN_IDENTITY_PROPS, PatternIdentityProps } from '../pattern-identity';
import {
  PATTERN_POD_PROPS,
  PATTERN_SERVICE_ACCOUNT_PROPS,
  PatternPodOptions,
  TOPOLOGY_SPREAD_PROPS,
} from '../pod-options';
import { ADOPTION_PROPS, AdoptionOptions } from './adoption';

/** The props every pattern takes: who it is (identity), its pods, and what its main container runs. */
export interface PatternProps
  extends PatternIdentityProps, PatternContainerOptions, PatternPodOptions, AdoptionOptions {}

/** The props of `PatternProps`: a pattern's own list spreads these names. */
export const PATTERN_PROPS = knownProps<PatternProps>('PatternProps')([
  ...PATTERN_IDENTITY_PROPS.names,
  ...PATTERN_CONTAINER_PROPS.names,
  ...PATTERN_POD_PROPS.names,
  ...ADOPTION_PROPS.names,
]);

/** What a pattern tells its base. */
export interface PatternBaseOptions {
  /** The `app.kubernetes.io/component` when the props give none, e.g. `web`. */
  readonly defaultComponent: string;
  /**
   * Every prop the pattern takes (declared with `knownProps`), checked before anything else:
   * any other prop throws a `ConstructError` naming it, with a "did you mean" hint. The nested
   * objects of `PatternProps` (`serviceAccount`, `files`, `mounts`, `lifecycle`, `capabilities`,
   * `topologySpread`) are always checked.
   *
   * @default - the props' own names are not checked
   */
  readonly knownProps?: KnownProps;
}

/** Refuses unknown props of a pattern (`known`, when given) and of the nested objects of `PatternProps`. */
export function checkPatternProps(scope: IConstruct, props: PatternProps, known: KnownProps | undefined): void {
  if (known) checkKnownProps(scope, props, known);
  checkKnownProps(scope, props.serviceAccount, PATTERN_SERVICE_ACCOUNT_PROPS, 'serviceAccount');
  checkKnownProps(scope, props.lifecycle, PATTERN_LIFECYCLE_PROPS, 'lifecycle');
  checkKnownProps(scope, props.capabilities, PATTERN_CAPABILITIES_PROPS, 'capabilities');
  (props.files ?? []).forEach((f, i) => checkKnownProps(scope, f, PATTERN_FILE_PROPS, `files[${i}]`));
  (props.mounts ?? []).forEach((m, i) => checkKnownProps(scope, m, PATTERN_MOUNT_PROPS, `mounts[${i}]`));
  (props.topologySpread ?? []).forEach((t, i) =>
    checkKnownProps(scope, t, TOPOLOGY_SPREAD_PROPS, `topologySpread[${i}]`),
  );
}
