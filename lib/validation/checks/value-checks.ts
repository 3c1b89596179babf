import { ValidationContext } from '../validation-context';
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
  for (const obj of ctx.objects) {
    ctx.guard(obj, 'metadata', () => checkMetadata(ctx, obj));
    ctx.guard(obj, 'workload', () => checkWorkloads(ctx, obj));
    ctx.guard(obj, 'pod spec', () => checkPodSpec(ctx, obj));
    ctx.guard(obj, 'Service', () => checkService(ctx, obj));
    ctx.guard(obj, 'networking', () => checkNetworking(ctx, obj));
    ctx.guard(obj, 'selector', () => checkSelectors(ctx, obj));
    ctx.guard(obj, 'config and storage', () => checkConfigAndStorage(ctx, obj));
    ctx.guard(obj, 'RBAC rules', () => checkRbacRules(ctx, obj));
    ctx.guard(obj, 'CustomResourceDefinition', () => checkCustomResourceDefinition(ctx, obj));
  }
}
