import { ApiObject } from 'cdk8s';
import { registerCustomResourceScope } from '../../core';
import { Policy } from '../../validation/policy';
import { vendorsCrdOf } from '../gitops-crds';

/** Argo CD's API group. */
export const ARGO_CD_GROUP = 'argoproj.io';

/**
 * Makes an Argo CD object known to validation: it is validated against Argo CD's vendored CRD
 * of its kind (`crds/gitops/`), loaded on the first object of the group. Where the package has no
 * CRD of the kind, the kind is registered as namespaced (it lives in Argo CD's namespace) and
 * `schema/unknown-kind` is relaxed on the object with the reason: its fields are then checked by
 * the typed props only.
 */
export function knownArgoCdObject(obj: ApiObject): ApiObject {
  if (vendorsCrdOf('argocd', obj.kind)) return obj;
  registerCustomResourceScope(ARGO_CD_GROUP, obj.kind, 'Namespaced');
  Policy.relax(
    obj,
    'schema/unknown-kind',
    `Argo CD's ${obj.kind} CRD is not vendored with kubecraft (Argo CD installs it); kubecraft checks the ${obj.kind}'s fields through its typed props`,
  );
  return obj;
}
