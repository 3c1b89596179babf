// kubecraft: typed Kubernetes applications on cdk8s and cdk8s-plus-27.
//
// The library adds what cdk8s-plus-27 lacks and is meant to be used beside it:
//   import * as kplus from 'cdk8s-plus-27';
//   import { KubecraftApp, KubecraftChart, ReplicaSet, Probes } from 'kubecraft';

export * from './app/kubecraft-app';
export * from './app/kubecraft-chart';
export * from './output/atomic-directory';
export * from './output/install-order';
export * from './policy/limit-range';
export * from './policy/resource-quota';
export * from './security/secure-defaults';
export * from './selectors/selector';
export * from './values/cron-schedule';
export * from './values/dns-name';
export * from './values/quantity';
export * from './workloads/downward-api-volume';
export * from './workloads/pod-disruption-budget';
export * from './workloads/pod-spec-locator';
export * from './workloads/probes';
export * from './workloads/replica-set';
export * from './app/cluster-scoped-kinds';
export * from './validation/policy';
export * from './workloads/stateful-set';
export * from './validation/external';
export * from './validation/finding';
export * from './validation/rules';
export * from './validation/validate';
export * from './validation/validation-context';
export { schemaValidatorFor } from './validation/checks/schema-check';
export * from './validation/cdk8s-validation-plugin';
export * from './testing/synth-validated';
export * from './app/late-json-patches';
export * from './app/config-hash';
export * from './patterns/app-network';
export * from './patterns/batch-job';
export * from './patterns/existing-secret';
export * from './patterns/exposure';
export * from './patterns/node-agent';
export * from './patterns/pattern-container';
export * from './patterns/recommended-labels';
export * from './patterns/scheduled-job';
export * from './patterns/service-endpoint';
export * from './patterns/stateful-service';
export * from './patterns/web-service';
