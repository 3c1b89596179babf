/**
 * `policy/proc-mount`: containers keep the Default /proc mount.
 */
import { isSet } from '../../checks/shape';
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/proc-mount` rule. */
export const RULE: ObjectRule<'policy/proc-mount'> = objectRule({
  id: 'policy/proc-mount',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'containers keep the Default /proc mount (procMount unset or Default)',
    why: 'Pod Security Standards "baseline" and "restricted": an Unmasked /proc exposes host kernel interfaces',
  },
  appliesTo: 'pods',
  check: perContainer((c) =>
    isSet(c.securityContext.procMount) && c.securityContext.procMount !== 'Default'
      ? [
          forbidden(
            c.securityContextPath.child('procMount'),
            `${c.label} sets procMount ${JSON.stringify(c.securityContext.procMount)}`,
            'remove procMount (Default), or relax policy/proc-mount with a reason',
          ),
        ]
      : [],
  ),
});
