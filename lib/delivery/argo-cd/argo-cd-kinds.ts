import { ApiObject } from 'cdk8s';
import { registerCustomResourceScope } from '../../core';
import { Policy } from '../../validation/policy';

/** Argo CD's API group. */
export const ARGO_CD_GROUP = 'argoproj.io';

/**
 * Makes an Argo CD object known to validation: its kind is namespaced (it lives in Argo CD's
 * namespace), and `schema/unknown-kind` is relaxed on it with the reason. Argo CD's CRDs are not
 * vendored (the ApplicationSet CRD alone is 1.4 MB, and no current AppProject or Application CRD
 * could be copied into this repository), so its fields are checked by the typed props instead.
 */
export function knownArgoCdObject(obj: ApiObject): ApiObject {
  registerCustomResourceScope(ARGO_CD_GROUP, obj.kind, 'Namespaced');
  Policy.relax(
    obj,
    'schema/unknown-kind',
    `Argo CD's CRDs are installed with Argo CD; kubecraft checks the ${obj.kind}'s fields through its typed props`,
  );
  return obj;
}
