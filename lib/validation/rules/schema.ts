/**
 * The `schema/*` rules: the object matches the official schema of its kind (checks/schema-check.ts, checks/version-checks.ts).
 */
import { defineRule } from './rule';

/** The `schema/*` rules, in the order the README lists them. */
export const SCHEMA_RULES = [
  defineRule({
    id: 'schema/invalid',
    info: {
      severity: 'error',
      relaxable: false,
      what: "the object matches the official schema of its kind in the target Kubernetes version (or its CRD's openAPIV3Schema), strictly: no unknown fields, right types, required fields, valid enum values, integers that fit their format (int32, int64)",
      why: 'the API server (strict field validation) rejects it',
    },
  }),
  defineRule({
    id: 'schema/removed-api',
    info: {
      severity: 'error',
      relaxable: false,
      what: "the target Kubernetes version serves the object's apiVersion and kind (not removed, not added later)",
      why: 'the API server of that version does not know the apiVersion: apply fails with "no matches for kind"',
    },
  }),
  defineRule({
    id: 'schema/deprecated-api',
    info: {
      severity: 'warning',
      relaxable: true,
      what: "the object's apiVersion is not deprecated in the target Kubernetes version",
      why: 'a later release stops serving it; migrate before upgrading',
    },
  }),
  defineRule({
    id: 'schema/unknown-kind',
    info: {
      severity: 'error',
      relaxable: true,
      what: "the object's apiVersion and kind are served by Kubernetes or by a CRD kubecraft knows (one included in the app, registered with registerCrdsFromFile, or built into the library), so a schema is known for them",
      why: 'the API server rejects a kind it does not serve ("no matches for kind"): a misspelt kind, or a custom resource whose CRD is not installed. Relax it only for a CRD installed in the cluster by other means',
    },
  }),
] as const;
