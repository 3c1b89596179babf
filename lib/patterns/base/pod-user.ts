import * as kplus from 'cdk8s-plus-27';

/** Whom a pattern's pods run as: its non-root `user` as UID, GID and fsGroup, or root when reasoned. */
export interface PodUser {
  /** The UID, GID and fsGroup (0 when running as root was reasoned). */
  readonly user: number;
  /** Whether the pods run as root (`runAsRootReason`, or `user: 0` under a relaxation). */
  readonly asRoot: boolean;
}

/** A container's security context running as `who`: the user and its group, non-root unless reasoned. */
export function runAs(who: PodUser): kplus.ContainerSecurityContextProps {
  return who.asRoot
    ? { user: 0, group: 0, ensureNonRoot: false }
    : { user: who.user, group: who.user, ensureNonRoot: true };
}

/** `c`, running as `who` unless it sets its own security context. */
export function withPodUser(c: kplus.ContainerProps, who: PodUser): kplus.ContainerProps {
  return c.securityContext !== undefined ? c : { ...c, securityContext: runAs(who) };
}
