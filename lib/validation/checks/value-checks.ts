import { ObjectToValidate, ValidationContext } from '../validation-context';
import { checkConfigAndStorage } from './config-checks';
import { checkCustomResourceDefinition } from './crd-checks';
import { checkMetadata } from './metadata-checks';
import { checkNetworking } from './network-checks';
import { checkPodSpec } from './pod-checks';
import { checkRbacRules } from './rbac-checks';
import { checkSelectors } from './selector-checks';
import { checkService } from './service-checks';
import { checkWorkloads } from './workload-checks';

/**
 * Checks the values the API server validates beyond the schema (the `values/*` rules), one
 * concern per file: metadata, workload counts and schedules, pod specs and containers,
 * Services, Ingresses and NetworkPolicies, selectors, config and storage, RBAC rules,
 * CustomResourceDefinitions. Each object is
 * checked under `ctx.guard`, so malformed input is reported, never thrown on.
 */
export function checkValues(ctx: ValidationContext): void {
  for (const obj of ctx.objects) for (const [what, check] of VALUE_CHECKS) ctx.guard(obj, what, check);
}

/** The value checks of one object, each with what it checks (named when malformed input trips it). */
const VALUE_CHECKS: readonly (readonly [string, (ctx: ValidationContext, obj: ObjectToValidate) => void])[] = [
  ['metadata', checkMetadata],
  ['workload', checkWorkloads],
  ['pod spec', checkPodSpec],
  ['Service', checkService],
  ['networking', checkNetworking],
  ['selector', checkSelectors],
  ['config and storage', checkConfigAndStorage],
  ['RBAC rules', checkRbacRules],
  ['CustomResourceDefinition', checkCustomResourceDefinition],
];
