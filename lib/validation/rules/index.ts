/**
 * The registry of every rule kubecraft checks: the `refs/*` and `policy/*` rules one module each
 * (`rules/<id>.ts`: metadata, the kinds it applies to, its check), the `schema/*` and `values/*`
 * rules declared in `schema.ts` and `values.ts` (checked by kind in `checks/`). `RULES` and the
 * README rules table are derived from it, in this order.
 */
import { RULE as policyApparmor } from './policy/apparmor';
import { RULE as policyCapabilities } from './policy/capabilities';
import { RULE as policyDuplicateEnv } from './policy/duplicate-env';
import { RULE as policyHostNamespaces } from './policy/host-namespaces';
import { RULE as policyHostPath } from './policy/host-path';
import { RULE as policyHostPorts } from './policy/host-ports';
import { RULE as policyHostProcess } from './policy/host-process';
import { RULE as policyImagePinned } from './policy/image-pinned';
import { RULE as policyNodePortRange } from './policy/node-port-range';
import { RULE as policyPlaintextSecret } from './policy/plaintext-secret';
import { RULE as policyPrivilegeEscalation } from './policy/privilege-escalation';
import { RULE as policyPrivileged } from './policy/privileged';
import { RULE as policyPrivilegedPort } from './policy/privileged-port';
import { RULE as policyProbeHost } from './policy/probe-host';
import { RULE as policyProbes } from './policy/probes';
import { RULE as policyProcMount } from './policy/proc-mount';
import { RULE as policyReadOnlyRootFs } from './policy/read-only-root-fs';
import { RULE as policyResources } from './policy/resources';
import { RULE as policyRunAsNonRoot } from './policy/run-as-non-root';
import { RULE as policySeccomp } from './policy/seccomp';
import { RULE as policySecureDefaultsApplied } from './policy/secure-defaults-applied';
import { RULE as policySelinux } from './policy/selinux';
import { RULE as policySysctls } from './policy/sysctls';
import { RULE as policyVolumeTypes } from './policy/volume-types';
import { RULE as refsArgocdDestination } from './refs/argocd-destination';
import { RULE as refsArgocdGenerator } from './refs/argocd-generator';
import { RULE as refsAutoscaledReplicas } from './refs/autoscaled-replicas';
import { RULE as refsConfig } from './refs/config';
import { RULE as refsFluxDependsOn } from './refs/flux-depends-on';
import { RULE as refsIngressBackend } from './refs/ingress-backend';
import { RULE as refsNamespace } from './refs/namespace';
import { RULE as refsPdbSelector } from './refs/pdb-selector';
import { RULE as refsProbePort } from './refs/probe-port';
import { RULE as refsRole } from './refs/role';
import { RULE as refsScaleTarget } from './refs/scale-target';
import { RULE as refsSelectorTemplate } from './refs/selector-template';
import { RULE as refsServiceAccount } from './refs/service-account';
import { RULE as refsServiceSelector } from './refs/service-selector';
import { RULE as refsServiceTargetPort } from './refs/service-target-port';
import { RULE as refsStatefulSetService } from './refs/stateful-set-service';
import { RULE as refsUniqueName } from './refs/unique-name';
import { RULE as refsVolumeMount } from './refs/volume-mount';
import { SCHEMA_RULES } from './schema';
import { VALUES_RULES } from './values';

/** The `refs/*` rules, judged on each object against the other objects of its deployment unit. */
export const REFERENCE_RULES = [
  refsSelectorTemplate,
  refsServiceSelector,
  refsServiceTargetPort,
  refsIngressBackend,
  refsScaleTarget,
  refsPdbSelector,
  refsConfig,
  refsRole,
  refsServiceAccount,
  refsUniqueName,
  refsNamespace,
  refsProbePort,
  refsStatefulSetService,
  refsAutoscaledReplicas,
  refsVolumeMount,
  refsFluxDependsOn,
  refsArgocdDestination,
  refsArgocdGenerator,
] as const;

/**
 * The `policy/*` rules judged from the manifest alone (and the target version and upstream
 * origin), in one pass per object.
 */
export const OBJECT_POLICY_RULES = [
  policyRunAsNonRoot,
  policyPrivilegeEscalation,
  policyCapabilities,
  policySeccomp,
  policyPrivileged,
  policyHostNamespaces,
  policyHostPath,
  policyHostPorts,
  policyReadOnlyRootFs,
  policyResources,
  policyImagePinned,
  policyProbes,
  policyApparmor,
  policySysctls,
  policySelinux,
  policyProcMount,
  policyVolumeTypes,
  policyHostProcess,
  policyProbeHost,
  policyPrivilegedPort,
  policyNodePortRange,
  policyDuplicateEnv,
  policyPlaintextSecret,
] as const;

/** The `policy/*` rule judged from the construct (what kubecraft changed on request): run on every validation. */
export const APPLIED_CHANGES_RULE = policySecureDefaultsApplied;

/** Every rule, in the order of the README table: schema, values, references, policy. */
export const ALL_RULES = [
  ...SCHEMA_RULES,
  ...VALUES_RULES,
  ...REFERENCE_RULES,
  ...OBJECT_POLICY_RULES,
  APPLIED_CHANGES_RULE,
] as const;

/** A rule id. */
export type RuleId = (typeof ALL_RULES)[number]['id'];
