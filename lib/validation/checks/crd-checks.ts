/**
 * CustomResourceDefinitions (apiextensions.k8s.io/v1) as the API server validates them beyond
 * their published schema, read from kubernetes/kubernetes
 * `staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go`
 * (each check names the Go function it follows), after the v1 defaults
 * (`SetDefaults_CustomResourceDefinitionSpec`: singular = lower-case kind, listKind = kind + "List",
 * conversion strategy None; the webhook service port 443). The `openAPIV3Schema` of each version is
 * checked by crd-schema-checks.ts. Findings use the general rules where one fits (`values/name`,
 * `values/required`, `values/duplicate`, `values/one-of`, `values/port`) and `values/crd` for the
 * rest.
 */
import { dns1035LabelProblems } from '../../values/api-names';
import { dns1123SubdomainProblems } from '../../values/dns-name';
import { RuleId } from '../rules';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { checkCrdOpenApiSchema } from './crd-schema-checks';
import { asArray, asNumber, asObject, asString, display, isSet, JsonObject, objectsIn } from './shape';

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
/** The annotation a CRD of a protected group needs (`KubeAPIApprovedAnnotation`). */
const API_APPROVED = 'api-approved.kubernetes.io';
/** `acceptedConversionReviewVersions`. */
const CONVERSION_REVIEW_VERSIONS = ['v1', 'v1beta1'];
/** `printerColumnDatatypes` and `customResourceColumnDefinitionFormats`. */
const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
/** `MaxSelectableFields`. */
const MAX_SELECTABLE_FIELDS = 8;

/** `path[i]`. */
function indexPath(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Reports findings on one CRD. */
class CrdCheck {
  constructor(
    private readonly ctx: ValidationContext,
    private readonly obj: ObjectToValidate,
  ) {}

  public report(rule: RuleId, field: string, message: string, hint: string): void {
    this.ctx.report(this.obj, rule, field, message, hint);
  }

  /** `values/crd` with the problems of a DNS-1035 label (`IsDNS1035Label`). */
  public dns1035(value: string, field: string, what: string, hint: string): void {
    for (const p of dns1035LabelProblems(value)) this.report('values/crd', field, `${what} '${value}' ${p}`, hint);
  }
}

/** Checks a CustomResourceDefinition (apiextensions.k8s.io/v1); other objects are left alone. */
export function checkCustomResourceDefinition(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  if (m.kind !== 'CustomResourceDefinition' || m.apiVersion !== CRD_API_VERSION) return;
  const spec = asObject(m.spec);
  if (!spec) return; // the schema check reports it
  const c = new CrdCheck(ctx, obj);
  const names = asObject(spec.names) ?? {};
  const group = asString(spec.group);
  checkName(c, asObject(m.metadata) ?? {}, asString(names.plural), group);
  checkGroup(c, group, asObject(asObject(m.metadata)?.annotations) ?? {});
  checkScope(c, spec.scope);
  if (spec.preserveUnknownFields === true)
    // validatePreserveUnknownFields
    c.report(
      'values/crd',
      'spec.preserveUnknownFields',
      'preserveUnknownFields cannot be set to true: set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
      'remove spec.preserveUnknownFields (false is the default), and mark the parts of the schema that keep unknown fields',
    );
  checkNames(c, names);
  checkVersions(c, spec.versions);
  checkConversion(c, spec.conversion);
}

// ValidateCustomResourceDefinition (nameValidationFn): the name is <plural>.<group>
function checkName(c: CrdCheck, metadata: JsonObject, plural: string | undefined, group: string | undefined): void {
  const name = asString(metadata.name);
  if (name === undefined || name === '' || plural === undefined || group === undefined) return;
  const required = `${plural}.${group}`;
  if (name !== required)
    c.report(
      'values/name',
      'metadata.name',
      `a CustomResourceDefinition must be named spec.names.plural + "." + spec.group ('${required}', is '${name}')`,
      `name it '${required}'`,
    );
}

// validateCustomResourceDefinitionSpec (group) and validateAPIApproval
function checkGroup(c: CrdCheck, group: string | undefined, annotations: JsonObject): void {
  if (group === undefined) return; // the schema check reports a missing group
  if (group === '') {
    c.report(
      'values/required',
      'spec.group',
      'spec.group is required',
      "set the API group, e.g. 'widgets.example.com'",
    );
    return;
  }
  const problems = dns1123SubdomainProblems(group);
  for (const p of problems)
    c.report('values/crd', 'spec.group', `group '${group}' ${p}`, "use a DNS subdomain you own, e.g. 'example.com'");
  if (problems.length === 0 && !group.includes('.'))
    c.report(
      'values/crd',
      'spec.group',
      `group '${group}' should be a domain with at least one dot`,
      `use a domain you own, e.g. '${group}.example.com'`,
    );
  // IsProtectedCommunityGroup and GetAPIApprovalState
  const isProtected =
    group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!isProtected) return;
  const field = `metadata.annotations['${API_APPROVED}']`;
  const approval = asString(annotations[API_APPROVED]) ?? '';
  if (approval === '')
    c.report(
      'values/required',
      field,
      `group '${group}' is protected (*.k8s.io, *.kubernetes.io): the CRD must have the approval annotation ${API_APPROVED}`,
      'use a group of your own domain; a Kubernetes project API gives the URL of its approval (see https://github.com/kubernetes/enhancements/pull/1111)',
    );
  else if (!approval.startsWith('unapproved') && !isRequestUri(approval))
    c.report(
      'values/crd',
      field,
      `${API_APPROVED} must be a URL or a reason starting with "unapproved" (is '${approval}')`,
      'give the URL of the API review, or "unapproved, <reason>"',
    );
}

/** Whether Go's `url.ParseRequestURI` accepts `value`: an absolute URL or an absolute path. */
function isRequestUri(value: string): boolean {
  if (value.startsWith('/')) return true;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

// validateCustomResourceDefinitionSpec (scope, validateEnumStrings)
function checkScope(c: CrdCheck, value: unknown): void {
  const scope = asString(value);
  if (scope === undefined) return; // the schema check reports a missing scope
  if (scope === '') c.report('values/required', 'spec.scope', 'spec.scope is required', 'set Namespaced or Cluster');
  else if (scope !== 'Namespaced' && scope !== 'Cluster')
    c.report(
      'values/crd',
      'spec.scope',
      `scope '${scope}' is not supported: must be Cluster or Namespaced`,
      'set Namespaced or Cluster',
    );
}

// validateCustomResourceDefinitionSpec (names required) and ValidateCustomResourceDefinitionNames
function checkNames(c: CrdCheck, names: JsonObject): void {
  const plural = asString(names.plural);
  const kind = asString(names.kind);
  for (const [key, value] of [
    ['plural', plural],
    ['kind', kind],
  ] as const)
    if (value === '') c.report('values/required', `spec.names.${key}`, `spec.names.${key} is required`, `set ${key}`);
  if (plural) c.dns1035(plural, 'spec.names.plural', 'plural', "use the lower-case plural, e.g. 'widgets'");
  const singular = asString(names.singular);
  if (singular) c.dns1035(singular, 'spec.names.singular', 'singular', "use the lower-case singular, e.g. 'widget'");
  if (kind)
    for (const p of dns1035LabelProblems(kind.toLowerCase()))
      c.report(
        'values/crd',
        'spec.names.kind',
        `kind '${kind}' may have mixed case, but should otherwise match: ${p}`,
        "use a CamelCase name of letters and digits, e.g. 'Widget'",
      );
  const listKind = asString(names.listKind);
  if (listKind)
    for (const p of dns1035LabelProblems(listKind.toLowerCase()))
      c.report(
        'values/crd',
        'spec.names.listKind',
        `listKind '${listKind}' may have mixed case, but should otherwise match: ${p}`,
        "use the kind followed by 'List', e.g. 'WidgetList' (the default)",
      );
  if (kind && listKind === kind)
    c.report(
      'values/crd',
      'spec.names.listKind',
      `kind and listKind may not be the same ('${kind}')`,
      `remove listKind (it defaults to '${kind}List')`,
    );
  for (const key of ['shortNames', 'categories'] as const)
    asArray(names[key]).forEach((v, i) => {
      if (typeof v === 'string')
        c.dns1035(
          v,
          indexPath(`spec.names.${key}`, i),
          key === 'shortNames' ? 'short name' : 'category',
          'use a lower-case name',
        );
    });
}

// validateCustomResourceDefinitionSpec (versions) and validateCustomResourceDefinitionVersion
function checkVersions(c: CrdCheck, value: unknown): void {
  if (!Array.isArray(value)) return; // the schema check reports a missing list
  if (value.length === 0) {
    c.report(
      'values/required',
      'spec.versions',
      'spec.versions must have at least one version (and exactly one marked as storage version)',
      'add a version with served: true and storage: true',
    );
    return;
  }
  const seen = new Set<string>();
  let storage = 0;
  for (const [version, i] of objectsIn(value)) {
    const at = indexPath('spec.versions', i);
    if (version.storage === true) storage++;
    const name = asString(version.name);
    if (name !== undefined) {
      c.dns1035(name, `${at}.name`, 'version name', "use a version such as 'v1', 'v1beta1' or 'v2alpha1'");
      if (seen.has(name))
        c.report(
          'values/duplicate',
          `${at}.name`,
          `spec.versions must contain unique version names ('${name}' is used more than once)`,
          'give each version its own name',
        );
      seen.add(name);
    }
    checkVersion(c, version, at);
  }
  if (storage !== 1)
    c.report(
      'values/crd',
      'spec.versions',
      `spec.versions must have exactly one version marked as storage version (has ${storage})`,
      'set storage: true on exactly one version (the one objects are stored as)',
    );
}

// validateCustomResourceDefinitionVersion, with validateCustomResourceDefinitionSpec's requireOpenAPISchema
function checkVersion(c: CrdCheck, version: JsonObject, at: string): void {
  checkDeprecationWarning(c, version, at);
  const subresources = asObject(version.subresources);
  const schema = asObject(asObject(version.schema)?.openAPIV3Schema);
  if (!schema)
    c.report(
      'values/required',
      `${at}.schema.openAPIV3Schema`,
      'schemas are required: every version of an apiextensions.k8s.io/v1 CRD needs an openAPIV3Schema',
      'describe the custom resource with schema.openAPIV3Schema (type: object at the root; x-kubernetes-preserve-unknown-fields: true where anything goes)',
    );
  else
    checkCrdOpenApiSchema(schema, `${at}.schema.openAPIV3Schema`, isSet(subresources?.status), (field, message, hint) =>
      c.report('values/crd-schema', field, message, hint),
    );
  if (subresources) checkSubresources(c, subresources, `${at}.subresources`);
  for (const [column, j] of objectsIn(version.additionalPrinterColumns))
    checkPrinterColumn(c, column, indexPath(`${at}.additionalPrinterColumns`, j));
  checkSelectableFields(c, version.selectableFields, schema, `${at}.selectableFields`);
}

// validateDeprecationWarning
function checkDeprecationWarning(c: CrdCheck, version: JsonObject, at: string): void {
  const warning = asString(version.deprecationWarning);
  if (warning === undefined) return;
  const field = `${at}.deprecationWarning`;
  if (version.deprecated !== true) {
    c.report(
      'values/crd',
      field,
      'deprecationWarning can only be set for deprecated versions',
      'set deprecated: true, or remove it',
    );
    return;
  }
  if ([...warning].length > 256)
    c.report(
      'values/crd',
      field,
      `deprecationWarning must be at most 256 characters (is ${[...warning].length})`,
      'shorten it',
    );
  if (warning.length === 0)
    c.report('values/crd', field, 'deprecationWarning must not be an empty string', 'write a warning, or remove it');
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(warning))
    c.report(
      'values/crd',
      field,
      'deprecationWarning must only contain printable UTF-8 characters',
      'remove line breaks and control characters',
    );
}

// ValidateCustomResourceDefinitionSubresources (with validateSimpleJSONPath)
function checkSubresources(c: CrdCheck, subresources: JsonObject, at: string): void {
  const scale = asObject(subresources.scale);
  if (!scale) return;
  const paths: [string, string[], boolean][] = [
    ['specReplicasPath', ['.spec.'], true],
    ['statusReplicasPath', ['.status.'], true],
    ['labelSelectorPath', ['.spec.', '.status.'], false],
  ];
  for (const [key, prefixes, required] of paths) {
    const path = asString(scale[key]);
    const field = `${at}.scale.${key}`;
    if (path === undefined) continue; // the schema check reports a missing path
    if (path === '') {
      if (required)
        c.report('values/required', field, `scale.${key} is required`, `set it, e.g. '${prefixes[0]}replicas'`);
      continue;
    }
    const under = prefixes.map((p) => p.slice(0, -1)).join(' or ');
    if (!path.startsWith('.'))
      c.report(
        'values/crd',
        field,
        `${key} '${path}' must be a simple json path starting with .`,
        `write it as '${prefixes[0]}replicas'`,
      );
    else if (!prefixes.some((p) => path.startsWith(p)))
      c.report(
        'values/crd',
        field,
        `${key} '${path}' should be a json path under ${under}`,
        `point it at a field under ${under}`,
      );
  }
}

// ValidateCustomResourceColumnDefinition
function checkPrinterColumn(c: CrdCheck, column: JsonObject, at: string): void {
  if (column.name === '') c.report('values/required', `${at}.name`, 'a printer column needs a name', 'name the column');
  const type = asString(column.type);
  if (type === '')
    c.report(
      'values/required',
      `${at}.type`,
      `a printer column needs a type: one of ${COLUMN_TYPES.join(', ')}`,
      'set the type',
    );
  else if (type !== undefined && !COLUMN_TYPES.includes(type))
    c.report(
      'values/crd',
      `${at}.type`,
      `printer column type '${type}' must be one of ${COLUMN_TYPES.join(', ')}`,
      'use one of them',
    );
  const format = asString(column.format);
  if (format && !COLUMN_FORMATS.includes(format))
    c.report(
      'values/crd',
      `${at}.format`,
      `printer column format '${format}' must be one of ${COLUMN_FORMATS.join(', ')}`,
      'use one of them, or remove it',
    );
  const path = asString(column.jsonPath);
  if (path === '')
    c.report('values/required', `${at}.jsonPath`, 'a printer column needs a jsonPath', "set it, e.g. '.status.phase'");
  else if (path !== undefined && !path.startsWith('.'))
    c.report(
      'values/crd',
      `${at}.jsonPath`,
      `jsonPath '${path}' must be a simple json path starting with .`,
      `write it as '.${path}'`,
    );
}

// ValidateCustomResourceSelectableFields
function checkSelectableFields(c: CrdCheck, value: unknown, schema: JsonObject | undefined, at: string): void {
  const fields = objectsIn(value);
  if (fields.length === 0) return;
  const unique = new Set<string>();
  for (const [selectable, i] of fields) {
    const field = `${indexPath(at, i)}.jsonPath`;
    const path = asString(selectable.jsonPath);
    if (path === undefined) continue; // the schema check reports a missing path
    if (path === '') {
      c.report('values/required', field, 'a selectable field needs a jsonPath', "set it, e.g. '.spec.color'");
      continue;
    }
    const problem = schema ? selectablePathProblem(path, schema) : undefined;
    if (problem)
      c.report(
        'values/crd',
        field,
        `jsonPath '${path}' ${problem}`,
        'point it at a string, boolean or integer field outside metadata',
      );
    if (unique.has(path))
      c.report('values/duplicate', field, `jsonPath '${path}' is selectable more than once`, 'list each field once');
    unique.add(path);
  }
  if (unique.size > MAX_SELECTABLE_FIELDS)
    c.report(
      'values/crd',
      at,
      `a version may have at most ${MAX_SELECTABLE_FIELDS} selectable fields (has ${unique.size})`,
      'keep the fields clients select on most',
    );
}

/**
 * What is wrong with a selectable field's path (`cel.ValidFieldPath` without array notation, and
 * `allowedSelectableFieldSchema`): a dotted path through the schema's properties (and maps) to a
 * string, boolean or integer field, not in metadata. Paths in bracket notation are not judged.
 */
function selectablePathProblem(path: string, schema: JsonObject): string | undefined {
  if (!path.startsWith('.')) return 'is an invalid path: must start with .';
  if (path.includes('[')) return undefined;
  const segments = path.slice(1).split('.');
  if (segments[0] === 'metadata') return 'must not point to fields in metadata';
  let node: JsonObject | undefined = schema;
  for (const segment of segments) {
    if (segment === '') return 'is an invalid path: empty segment';
    const next: JsonObject | undefined =
      asObject(asObject(node.properties)?.[segment]) ?? asObject(node.additionalProperties);
    if (!next) {
      if (node['x-kubernetes-preserve-unknown-fields'] === true) return undefined;
      return `is an invalid path: does not refer to a valid field ('${segment}' is not in the schema)`;
    }
    node = next;
  }
  const type = asString(node.type);
  if (type !== 'string' && type !== 'boolean' && type !== 'integer')
    return `must point to a field of type string, boolean or integer (is ${type ?? 'untyped'})`;
  return undefined;
}

// validateCustomResourceConversion (v1: webhook.clientConfig and webhook.conversionReviewVersions)
function checkConversion(c: CrdCheck, value: unknown): void {
  const conversion = asObject(value);
  if (!conversion) return; // defaults to strategy None
  const strategy = asString(conversion.strategy);
  if (strategy === undefined) return; // the schema check reports a missing strategy
  if (strategy === '')
    c.report('values/required', 'spec.conversion.strategy', 'conversion.strategy is required', 'set None or Webhook');
  else if (strategy !== 'None' && strategy !== 'Webhook')
    c.report(
      'values/crd',
      'spec.conversion.strategy',
      `conversion strategy '${strategy}' is not supported: must be None or Webhook`,
      'use None (the versions differ only in name) or Webhook (a conversion webhook)',
    );
  const webhook = asObject(conversion.webhook);
  const clientConfig = asObject(webhook?.clientConfig);
  const reviewVersions = asArray(webhook?.conversionReviewVersions);
  if (strategy !== 'Webhook') {
    if (clientConfig)
      c.report(
        'values/crd',
        'spec.conversion.webhook.clientConfig',
        'webhook.clientConfig should not be set when the conversion strategy is not Webhook',
        'remove the webhook, or set strategy: Webhook',
      );
    if (reviewVersions.length > 0)
      c.report(
        'values/crd',
        'spec.conversion.webhook.conversionReviewVersions',
        'webhook.conversionReviewVersions should not be set when the conversion strategy is not Webhook',
        'remove the webhook, or set strategy: Webhook',
      );
    return;
  }
  if (!clientConfig)
    c.report(
      'values/required',
      'spec.conversion.webhook.clientConfig',
      'webhook.clientConfig is required when the conversion strategy is Webhook',
      'give the conversion webhook: clientConfig.service (in the cluster) or clientConfig.url',
    );
  else checkClientConfig(c, clientConfig, 'spec.conversion.webhook.clientConfig');
  checkConversionReviewVersions(c, reviewVersions, 'spec.conversion.webhook.conversionReviewVersions');
}

// validateCustomResourceConversion (clientConfig), webhook.ValidateWebhookURL and ValidateWebhookService
function checkClientConfig(c: CrdCheck, config: JsonObject, at: string): void {
  const url = asString(config.url);
  const service = asObject(config.service);
  if ((url === undefined) === (service === undefined)) {
    c.report(
      'values/one-of',
      at,
      url === undefined
        ? 'exactly one of url or service is required (neither is set)'
        : 'exactly one of url or service is required (both are set)',
      'give service for a webhook in the cluster, or url for one outside it',
    );
    return;
  }
  if (url !== undefined) {
    for (const p of webhookUrlProblems(url))
      c.report('values/crd', `${at}.url`, `webhook url '${url}': ${p}`, 'use https://host[/path]');
  }
  if (service) {
    for (const key of ['name', 'namespace'] as const)
      if (asString(service[key]) === '')
        c.report('values/required', `${at}.service.${key}`, `the webhook service needs a ${key}`, `set service.${key}`);
    const port = asNumber(service.port) ?? 443;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      c.report(
        'values/port',
        `${at}.service.port`,
        `webhook service port ${port} is not valid: must be between 1 and 65535, inclusive`,
        'use the Service port (443 when absent)',
      );
    const path = asString(service.path);
    if (path !== undefined)
      for (const p of webhookPathProblems(path))
        c.report('values/crd', `${at}.service.path`, `path '${path}' ${p}`, "use a path such as '/convert'");
  }
}

/** `ValidateWebhookURL` with forceHttps. */
function webhookUrlProblems(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)
      ? ['must be a valid URL']
      : ["'https' is the only allowed URL scheme; desired format: https://host[/path]"];
  }
  const problems: string[] = [];
  if (u.protocol !== 'https:')
    problems.push("'https' is the only allowed URL scheme; desired format: https://host[/path]");
  if (u.host === '') problems.push('host must be specified; desired format: https://host[/path]');
  if (u.username !== '' || u.password !== '') problems.push('user information is not permitted in the URL');
  if (u.hash !== '' || url.includes('#')) problems.push('fragments are not permitted in the URL');
  if (u.search !== '' || url.includes('?')) problems.push('query parameters are not permitted in the URL');
  return problems;
}

/** `ValidateWebhookService`'s path: '/' then DNS-1123 subdomain segments. */
function webhookPathProblems(path: string): string[] {
  if (path === '/' || path === '') return [];
  if (path === '//') return ['segment[0] may not be empty'];
  const problems: string[] = [];
  if (!path.startsWith('/')) problems.push("must start with a '/'");
  let rest = path.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  rest.split('/').forEach((step, i) => {
    if (step === '') problems.push(`segment[${i}] may not be empty`);
    else for (const p of dns1123SubdomainProblems(step)) problems.push(`segment[${i}]: ${p}`);
  });
  return problems;
}

// validateConversionReviewVersions
function checkConversionReviewVersions(c: CrdCheck, versions: readonly unknown[], at: string): void {
  if (versions.length === 0) {
    c.report(
      'values/required',
      at,
      'webhook.conversionReviewVersions is required when the conversion strategy is Webhook',
      "list the ConversionReview versions the webhook understands, e.g. ['v1']",
    );
    return;
  }
  const seen = new Set<string>();
  let accepted = false;
  versions.forEach((v, i) => {
    if (typeof v !== 'string') return;
    if (seen.has(v)) {
      c.report(
        'values/duplicate',
        indexPath(at, i),
        `conversion review version '${v}' is listed more than once`,
        'list it once',
      );
      return;
    }
    seen.add(v);
    c.dns1035(v, indexPath(at, i), 'conversion review version', "use 'v1'");
    if (CONVERSION_REVIEW_VERSIONS.includes(v)) accepted = true;
  });
  if (!accepted && seen.size > 0)
    c.report(
      'values/crd',
      at,
      `conversionReviewVersions must include at least one of ${CONVERSION_REVIEW_VERSIONS.join(', ')} (is ${display(versions)})`,
      "add 'v1' (a webhook that answers apiextensions.k8s.io/v1 ConversionReviews)",
    );
}
