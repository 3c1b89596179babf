// The cases of every rule module, by rule id (test/validation/rules/<id>.cases.ts): read by the
// registry test (every rule has a bad and a good case), the bad-input tables (which count their
// rows) and the findings baseline (which runs every bad-input row).
import { CASES as policyApparmor } from './policy/apparmor.cases';
import { CASES as policyCapabilities } from './policy/capabilities.cases';
import { CASES as policyDuplicateEnv } from './policy/duplicate-env.cases';
import { CASES as policyHostNamespaces } from './policy/host-namespaces.cases';
import { CASES as policyHostPath } from './policy/host-path.cases';
import { CASES as policyHostPorts } from './policy/host-ports.cases';
import { CASES as policyHostProcess } from './policy/host-process.cases';
import { CASES as policyImagePinned } from './policy/image-pinned.cases';
import { CASES as policyNodePortRange } from './policy/node-port-range.cases';
import { CASES as policyPlaintextSecret } from './policy/plaintext-secret.cases';
import { CASES as policyPrivilegeEscalation } from './policy/privilege-escalation.cases';
import { CASES as policyPrivilegedPort } from './policy/privileged-port.cases';
import { CASES as policyPrivileged } from './policy/privileged.cases';
import { CASES as policyProbeHost } from './policy/probe-host.cases';
import { CASES as policyProbes } from './policy/probes.cases';
import { CASES as policyProcMount } from './policy/proc-mount.cases';
import { CASES as policyReadOnlyRootFs } from './policy/read-only-root-fs.cases';
import { CASES as policyResources } from './policy/resources.cases';
import { CASES as policyRunAsNonRoot } from './policy/run-as-non-root.cases';
import { CASES as policySeccomp } from './policy/seccomp.cases';
import { CASES as policySecureDefaultsApplied } from './policy/secure-defaults-applied.cases';
import { CASES as policySelinux } from './policy/selinux.cases';
import { CASES as policySysctls } from './policy/sysctls.cases';
import { CASES as policyVolumeTypes } from './policy/volume-types.cases';
import { CASES as refsArgocdDestination } from './refs/argocd-destination.cases';
import { CASES as refsArgocdGenerator } from './refs/argocd-generator.cases';
import { CASES as refsAutoscaledReplicas } from './refs/autoscaled-replicas.cases';
import { CASES as refsConfig } from './refs/config.cases';
import { CASES as refsFluxDependsOn } from './refs/flux-depends-on.cases';
import { CASES as refsIngressBackend } from './refs/ingress-backend.cases';
import { CASES as refsNamespace } from './refs/namespace.cases';
import { CASES as refsPdbSelector } from './refs/pdb-selector.cases';
import { CASES as refsProbePort } from './refs/probe-port.cases';
import { CASES as refsRole } from './refs/role.cases';
import { CASES as refsScaleTarget } from './refs/scale-target.cases';
import { CASES as refsSelectorTemplate } from './refs/selector-template.cases';
import { CASES as refsServiceAccount } from './refs/service-account.cases';
import { CASES as refsServiceSelector } from './refs/service-selector.cases';
import { CASES as refsServiceTargetPort } from './refs/service-target-port.cases';
import { CASES as refsStatefulSetService } from './refs/stateful-set-service.cases';
import { CASES as refsUniqueName } from './refs/unique-name.cases';
import { CASES as refsVolumeMount } from './refs/volume-mount.cases';
import { AppCase, RuleCases } from './rule-cases';

/** The cases of each rule module, by id. */
export const RULE_CASES: Readonly<Record<string, RuleCases>> = {
  'policy/apparmor': policyApparmor,
  'policy/capabilities': policyCapabilities,
  'policy/duplicate-env': policyDuplicateEnv,
  'policy/host-namespaces': policyHostNamespaces,
  'policy/host-path': policyHostPath,
  'policy/host-ports': policyHostPorts,
  'policy/host-process': policyHostProcess,
  'policy/image-pinned': policyImagePinned,
  'policy/node-port-range': policyNodePortRange,
  'policy/plaintext-secret': policyPlaintextSecret,
  'policy/privilege-escalation': policyPrivilegeEscalation,
  'policy/privileged-port': policyPrivilegedPort,
  'policy/privileged': policyPrivileged,
  'policy/probe-host': policyProbeHost,
  'policy/probes': policyProbes,
  'policy/proc-mount': policyProcMount,
  'policy/read-only-root-fs': policyReadOnlyRootFs,
  'policy/resources': policyResources,
  'policy/run-as-non-root': policyRunAsNonRoot,
  'policy/seccomp': policySeccomp,
  'policy/secure-defaults-applied': policySecureDefaultsApplied,
  'policy/selinux': policySelinux,
  'policy/sysctls': policySysctls,
  'policy/volume-types': policyVolumeTypes,
  'refs/autoscaled-replicas': refsAutoscaledReplicas,
  'refs/config': refsConfig,
  'refs/ingress-backend': refsIngressBackend,
  'refs/namespace': refsNamespace,
  'refs/pdb-selector': refsPdbSelector,
  'refs/probe-port': refsProbePort,
  'refs/role': refsRole,
  'refs/scale-target': refsScaleTarget,
  'refs/flux-depends-on': refsFluxDependsOn,
  'refs/argocd-destination': refsArgocdDestination,
  'refs/argocd-generator': refsArgocdGenerator,
  'refs/selector-template': refsSelectorTemplate,
  'refs/service-account': refsServiceAccount,
  'refs/service-selector': refsServiceSelector,
  'refs/service-target-port': refsServiceTargetPort,
  'refs/stateful-set-service': refsStatefulSetService,
  'refs/unique-name': refsUniqueName,
  'refs/volume-mount': refsVolumeMount,
};

/** Every bad-input row kept beside its rule: [name, row]. */
export const RULE_APP_ROWS: readonly (readonly [string, AppCase])[] = Object.values(RULE_CASES).flatMap((c) =>
  Object.entries(c.app ?? {}),
);
