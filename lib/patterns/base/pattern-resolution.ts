import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError } from '../../core/errors';

/**
 * A probe prop resolved: `false` opts out (no probe), `undefined` takes the pattern's default,
 * anything else is the user's probe.
 */
export function probeOrDefault(
  given: kplus.Probe | false | undefined,
  fallback: kplus.Probe | undefined,
): kplus.Probe | undefined {
  return given === false ? undefined : (given ?? fallback);
}

/**
 * The replica count: `given`, else `fallback`; an integer of at least `min` (0 for services that
 * may be scaled to zero, 1 for a StatefulService), else a `ConstructError` naming `replicas`.
 */
export function resolveReplicas(
  scope: IConstruct,
  given: number | undefined,
  fallback: number,
  min: 0 | 1 = 0,
): number {
  const replicas = given ?? fallback;
  if (!Number.isInteger(replicas) || replicas < min)
    throw new ConstructError(
      scope,
      min === 0 ? `must be a non-negative integer (is ${replicas})` : `must be at least ${min} (is ${replicas})`,
      { prop: 'replicas' },
    );
  return replicas;
}
