import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { PodDisruptionBudget, Selector, SelectorOperator } from '../lib';
import { ScenarioChart } from './scenario-chart';
import { serveHostname } from './serve-hostname';

/**
 * Scenario 8 (seed 000): label selectors, equality-based (`=`, `==`, `!=`) and set-based
 * (`in`, `notin`, exists, `!`), written both in `kubectl -l` syntax (`Selector.parse`) and in
 * the API's `matchLabels` / `matchExpressions` shape (`Selector.of`). Malformed selectors
 * (In/NotIn without values, Exists/DoesNotExist with values) are rejected when the chart is
 * built.
 *
 * Each selector selects the pod template of its own workload; the pods run agnhost
 * `serve-hostname` as uid 65534.
 */
export class LabelSelectorsChart extends ScenarioChart {
  /** Selected with `Selector.parse` (kubectl syntax). */
  public readonly production: kplus.Deployment;
  /** Selected with `Selector.of` (API shape). */
  public readonly canary: kplus.Deployment;
  public readonly budget: PodDisruptionBudget;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'selectors' });

    this.production = this.workload('production', {
      app: 'selector-demo',
      environment: 'production',
      tier: 'backend',
      partition: 'customerA',
    });
    this.production.select(
      Selector.parse('app = selector-demo, environment in (production, qa), tier != frontend, partition, !legacy'),
    );

    this.canary = this.workload('canary', {
      app: 'selector-demo',
      environment: 'qa',
      track: 'canary',
    });
    this.canary.select(Selector.parse('app == selector-demo'));
    this.canary.select(
      Selector.of({
        matchLabels: { track: 'canary' },
        matchExpressions: [
          { key: 'environment', operator: SelectorOperator.IN, values: ['qa', 'staging'] },
          { key: 'environment', operator: SelectorOperator.NOT_IN, values: ['production'] },
          { key: 'track', operator: SelectorOperator.EXISTS },
          { key: 'legacy', operator: SelectorOperator.DOES_NOT_EXIST },
        ],
      }),
    );

    this.budget = new PodDisruptionBudget(this, 'production-pdb', { selector: this.production, minAvailable: 1 });
  }

  private workload(name: string, labels: Record<string, string>): kplus.Deployment {
    return serveHostname(this, name, { labels, selectByLabels: false });
  }
}
