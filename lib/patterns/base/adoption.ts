import { IConstruct } from 'constructs';
import { ConstructError } from '../../core/errors';
import { knownProps } from '../../core/known-props';
import { assertValid } from '../../values/assert-valid';
import { dns1123SubdomainProblems, labelValueProblems } from '../../values/dns-name';

/**
 * Taking over objects that are already installed (the migration path): a Deployment's or
 * StatefulSet's `spec.selector` is immutable, so a pattern adopting one must render the same
 * selector and the same name.
 */
export interface AdoptionOptions {
  /**
   * The pod selector, e.g. `{ app: 'details', version: 'v1' }` to adopt a Deployment installed
   * with that selector; the labels are added to the pod template too. Jobs do not take it
   * (Kubernetes generates their selector).
   *
   * @default - name, instance and component (`app.kubernetes.io/*`)
   */
  readonly selector?: Readonly<Record<string, string>>;
  /**
   * The name of the workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), e.g.
   * `details-v1` to adopt an installed one whose Service is named `details`.
   *
   * @default - the pattern's name
   */
  readonly workloadName?: string;
}

/** The props of `AdoptionOptions`. */
export const ADOPTION_PROPS = knownProps<AdoptionOptions>('AdoptionOptions')(['selector', 'workloadName']);

/** Checks the adoption options. */
export function validateAdoption(scope: IConstruct, props: AdoptionOptions): void {
  if (props.workloadName !== undefined)
    assertValid(scope, 'workloadName', props.workloadName, dns1123SubdomainProblems(props.workloadName));
  if (props.selector !== undefined) {
    if (Object.keys(props.selector).length === 0)
      throw new ConstructError(scope, 'must not be empty (it would select every pod)', {
        prop: 'selector',
        hint: "give the installed object's selector labels, or omit it",
      });
    for (const [k, v] of Object.entries(props.selector))
      assertValid(scope, `selector['${k}']`, v, labelValueProblems(v));
  }
}
