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
import { Manifest } from '../../core';
import { dns1035LabelProblems } from '../../values/api-names';
import { dns1123SubdomainProblems } from '../../values/dns-name';
import { FieldPath } from '../field-path';
import { duplicate, invalid, namedList, oneOf, Problem, required, stringList } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { crdSchemaProblems } from './crd-schema-checks';
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

/** Collects the problems of one CRD. */
class CrdCheck {
  /** The problems found. */
  public readonly out: Problem[] = [];

  /** `values/crd` with the problems of a DNS-1035 label (`IsDNS1035Label`). */
  public dns1035(value: string, field: FieldPath, what: string, hint: string): void {
    for (const p of dns1035LabelProblems(value))
      this.out.push(invalid(field, `${what} '${value}' ${p}`, hint, 'values/crd'));
  }
}

/** Checks a CustomResourceDefinition (apiextensions.k8s.io/v1); other objects are left alone. */
export function checkCustomResourceDefinition(ctx: ValidationContext, obj: ObjectToValidate): void {
  ctx.reportAll(obj, crdProblems(obj.manifest));
}

/** The problems of a CustomResourceDefinition (apiextensions.k8s.io/v1); none for other objects. */
export function crdProblems(m: Manifest): Problem[] {
  if (m.kind !== 'CustomResourceDefinition' || m.apiVersion !== CRD_API_VERSION) return [];
  const spec = asObject(m.spec);
  if (!spec) return []; // the schema check reports it
  const c = new CrdCheck();
  const names = asObject(spec.names) ?? {};
  const group = asString(spec.group);
  checkName(c, asObject(m.metadata) ?? {}, asString(names.plural), group);
  checkGroup(c, group, asObject(asObject(m.metadata)?.annotations) ?? {});
  checkScope(c, spec.scope);
  if (spec.preserveUnknownFields === true)
    // validatePreserveUnknownFields
    c.out.push(
      invalid(
        FieldPath.root('spec').child('preserveUnknownFields'),
        'preserveUnknownFields cannot be set to true: set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
        'remove spec.preserveUnknownFields (false is the default), and mark the parts of the schema that keep unknown fields',
        'values/crd',
      ),
    );
  checkNames(c, names);
  checkVersions(c, spec.versions);
  checkConversion(c, spec.conversion);
  return c.out;
}

// ValidateCustomResourceDefinition (nameValidationFn): the name is <plural>.<group>
function checkName(c: CrdCheck, metadata: JsonObject, plural: string | undefined, group: string | undefined): void {
  const name = asString(metadata.name);
  if (name === undefined || name === '' || plural === undefined || group === undefined) return;
  const expected = `${plural}.${group}`;
  if (name !== expected)
    c.out.push(
      invalid(
        FieldPath.root('metadata').child('name'),
        `a CustomResourceDefinition must be named spec.names.plural + "." + spec.group ('${expected}', is '${name}')`,
        `name it '${expected}'`,
        'values/name',
      ),
    );
}

// validateCustomResourceDefinitionSpec (group) and validateAPIApproval
function checkGroup(c: CrdCheck, group: string | undefined, annotations: JsonObject): void {
  if (group === undefined) return; // the schema check reports a missing group
  if (group === '') {
    c.out.push(
      required(
        FieldPath.root('spec').child('group'),
        'spec.group is required',
        "set the API group, e.g. 'widgets.example.com'",
      ),
    );
    return;
  }
  const problems = dns1123SubdomainProblems(group);
  for (const p of problems)
    c.out.push(
      invalid(
        FieldPath.root('spec').child('group'),
        `group '${group}' ${p}`,
        "use a DNS subdomain you own, e.g. 'example.com'",
        'values/crd',
      ),
    );
  if (problems.length === 0 && !group.includes('.'))
    c.out.push(
      invalid(
        FieldPath.root('spec').child('group'),
        `group '${group}' should be a domain with at least one dot`,
        `use a domain you own, e.g. '${group}.example.com'`,
        'values/crd',
      ),
    );
  // IsProtectedCommunityGroup and GetAPIApprovalState
  const isProtected =
    group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!isProtected) return;
  const field = FieldPath.root('metadata').child('annotations').key(API_APPROVED);
  const approval = asString(annotations[API_APPROVED]) ?? '';
  if (approval === '')
    c.out.push(
      required(
        field,
        `group '${group}' is protected (*.k8s.io, *.kubernetes.io): the CRD must have the approval annotation ${API_APPROVED}`,
        'use a group of your own domain; a Kubernetes project API gives the URL of its approval (see https://github.com/kubernetes/enhancements/pull/1111)',
      ),
    );
  else if (!approval.startsWith('unapproved') && !isRequestUri(approval))
    c.out.push(
      invalid(
        field,
        `${API_APPROVED} must be a URL or a reason starting with "unapproved" (is '${approval}')`,
        'give the URL of the API review, or "unapproved, <reason>"',
        'values/crd',
      ),
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
  if (scope === '')
    c.out.push(required(FieldPath.root('spec').child('scope'), 'spec.scope is required', 'set Namespaced or Cluster'));
  else if (scope !== 'Namespaced' && scope !== 'Cluster')
    c.out.push(
      invalid(
        FieldPath.root('spec').child('scope'),
        `scope '${scope}' is not supported: must be Cluster or Namespaced`,
        'set Namespaced or Cluster',
        'values/crd',
      ),
    );
}

// validateCustomResourceDefinitionSpec (names required) and ValidateCustomResourceDefinitionNames
function checkNames(c: CrdCheck, names: JsonObject): void {
  const namesPath = FieldPath.root('spec').child('names');
  const plural = asString(names.plural);
  const kind = asString(names.kind);
  for (const [key, value] of [
    ['plural', plural],
    ['kind', kind],
  ] as const)
    if (value === '') c.out.push(required(namesPath.child(key), `spec.names.${key} is required`, `set ${key}`));
  if (plural) c.dns1035(plural, namesPath.child('plural'), 'plural', "use the lower-case plural, e.g. 'widgets'");
  const singular = asString(names.singular);
  if (singular)
    c.dns1035(singular, namesPath.child('singular'), 'singular', "use the lower-case singular, e.g. 'widget'");
  if (kind)
    for (const p of dns1035LabelProblems(kind.toLowerCase()))
      c.out.push(
        invalid(
          FieldPath.root('spec').child('names').child('kind'),
          `kind '${kind}' may have mixed case, but should otherwise match: ${p}`,
          "use a CamelCase name of letters and digits, e.g. 'Widget'",
          'values/crd',
        ),
      );
  const listKind = asString(names.listKind);
  if (listKind)
    for (const p of dns1035LabelProblems(listKind.toLowerCase()))
      c.out.push(
        invalid(
          FieldPath.root('spec').child('names').child('listKind'),
          `listKind '${listKind}' may have mixed case, but should otherwise match: ${p}`,
          "use the kind followed by 'List', e.g. 'WidgetList' (the default)",
          'values/crd',
        ),
      );
  if (kind && listKind === kind)
    c.out.push(
      invalid(
        FieldPath.root('spec').child('names').child('listKind'),
        `kind and listKind may not be the same ('${kind}')`,
        `remove listKind (it defaults to '${kind}List')`,
        'values/crd',
      ),
    );
  for (const key of ['shortNames', 'categories'] as const)
    asArray(names[key]).forEach((v, i) => {
      if (typeof v === 'string')
        c.dns1035(
          v,
          namesPath.child(key).index(i),
          key === 'shortNames' ? 'short name' : 'category',
          'use a lower-case name',
        );
    });
}

// validateCustomResourceDefinitionSpec (versions) and validateCustomResourceDefinitionVersion
function checkVersions(c: CrdCheck, value: unknown): void {
  if (!Array.isArray(value)) return; // the schema check reports a missing list
  if (value.length === 0) {
    c.out.push(
      required(
        FieldPath.root('spec').child('versions'),
        'spec.versions must have at least one version (and exactly one marked as storage version)',
        'add a version with served: true and storage: true',
      ),
    );
    return;
  }
  let storage = 0;
  for (const { item: version, path: at, name, repeated } of namedList(
    value,
    FieldPath.root('spec').child('versions'),
  )) {
    if (version.storage === true) storage++;
    if (name !== undefined) {
      c.dns1035(name, at.child('name'), 'version name', "use a version such as 'v1', 'v1beta1' or 'v2alpha1'");
      if (repeated)
        c.out.push(
          duplicate(
            at.child('name'),
            `spec.versions must contain unique version names ('${name}' is used more than once)`,
            'give each version its own name',
          ),
        );
    }
    checkVersion(c, version, at);
  }
  if (storage !== 1)
    c.out.push(
      invalid(
        FieldPath.root('spec').child('versions'),
        `spec.versions must have exactly one version marked as storage version (has ${storage})`,
        'set storage: true on exactly one version (the one objects are stored as)',
        'values/crd',
      ),
    );
}

// validateCustomResourceDefinitionVersion, with validateCustomResourceDefinitionSpec's requireOpenAPISchema
function checkVersion(c: CrdCheck, version: JsonObject, at: FieldPath): void {
  checkDeprecationWarning(c, version, at);
  const subresources = asObject(version.subresources);
  const schema = asObject(asObject(version.schema)?.openAPIV3Schema);
  if (!schema)
    c.out.push(
      required(
        at.child('schema').child('openAPIV3Schema'),
        'schemas are required: every version of an apiextensions.k8s.io/v1 CRD needs an openAPIV3Schema',
        'describe the custom resource with schema.openAPIV3Schema (type: object at the root; x-kubernetes-preserve-unknown-fields: true where anything goes)',
      ),
    );
  else
    c.out.push(...crdSchemaProblems(schema, at.child('schema').child('openAPIV3Schema'), isSet(subresources?.status)));
  if (subresources) checkSubresources(c, subresources, at.child('subresources'));
  for (const [column, j] of objectsIn(version.additionalPrinterColumns))
    checkPrinterColumn(c, column, at.child('additionalPrinterColumns').index(j));
  checkSelectableFields(c, version.selectableFields, schema, at.child('selectableFields'));
}

// validateDeprecationWarning
function checkDeprecationWarning(c: CrdCheck, version: JsonObject, at: FieldPath): void {
  const warning = asString(version.deprecationWarning);
  if (warning === undefined) return;
  const field = at.child('deprecationWarning');
  if (version.deprecated !== true) {
    c.out.push(
      invalid(
        field,
        'deprecationWarning can only be set for deprecated versions',
        'set deprecated: true, or remove it',
        'values/crd',
      ),
    );
    return;
  }
  if ([...warning].length > 256)
    c.out.push(
      invalid(
        field,
        `deprecationWarning must be at most 256 characters (is ${[...warning].length})`,
        'shorten it',
        'values/crd',
      ),
    );
  if (warning.length === 0)
    c.out.push(
      invalid(field, 'deprecationWarning must not be an empty string', 'write a warning, or remove it', 'values/crd'),
    );
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(warning))
    c.out.push(
      invalid(
        field,
        'deprecationWarning must only contain printable UTF-8 characters',
        'remove line breaks and control characters',
        'values/crd',
      ),
    );
}

// ValidateCustomResourceDefinitionSubresources (with validateSimpleJSONPath)
function checkSubresources(c: CrdCheck, subresources: JsonObject, at: FieldPath): void {
  const scale = asObject(subresources.scale);
  if (!scale) return;
  const paths: [string, string[], boolean][] = [
    ['specReplicasPath', ['.spec.'], true],
    ['statusReplicasPath', ['.status.'], true],
    ['labelSelectorPath', ['.spec.', '.status.'], false],
  ];
  for (const [key, prefixes, isRequired] of paths) {
    const path = asString(scale[key]);
    const field = at.child('scale').field(key);
    if (path === undefined) continue; // the schema check reports a missing path
    if (path === '') {
      if (isRequired) c.out.push(required(field, `scale.${key} is required`, `set it, e.g. '${prefixes[0]}replicas'`));
      continue;
    }
    const under = prefixes.map((p) => p.slice(0, -1)).join(' or ');
    if (!path.startsWith('.'))
      c.out.push(
        invalid(
          field,
          `${key} '${path}' must be a simple json path starting with .`,
          `write it as '${prefixes[0]}replicas'`,
          'values/crd',
        ),
      );
    else if (!prefixes.some((p) => path.startsWith(p)))
      c.out.push(
        invalid(
          field,
          `${key} '${path}' should be a json path under ${under}`,
          `point it at a field under ${under}`,
          'values/crd',
        ),
      );
  }
}

// ValidateCustomResourceColumnDefinition
function checkPrinterColumn(c: CrdCheck, column: JsonObject, at: FieldPath): void {
  if (column.name === '') c.out.push(required(at.child('name'), 'a printer column needs a name', 'name the column'));
  const type = asString(column.type);
  if (type === '')
    c.out.push(
      required(at.child('type'), `a printer column needs a type: one of ${COLUMN_TYPES.join(', ')}`, 'set the type'),
    );
  else if (type !== undefined && !COLUMN_TYPES.includes(type))
    c.out.push(
      invalid(
        at.child('type'),
        `printer column type '${type}' must be one of ${COLUMN_TYPES.join(', ')}`,
        'use one of them',
        'values/crd',
      ),
    );
  const format = asString(column.format);
  if (format && !COLUMN_FORMATS.includes(format))
    c.out.push(
      invalid(
        at.child('format'),
        `printer column format '${format}' must be one of ${COLUMN_FORMATS.join(', ')}`,
        'use one of them, or remove it',
        'values/crd',
      ),
    );
  const path = asString(column.jsonPath);
  if (path === '')
    c.out.push(required(at.child('jsonPath'), 'a printer column needs a jsonPath', "set it, e.g. '.status.phase'"));
  else if (path !== undefined && !path.startsWith('.'))
    c.out.push(
      invalid(
        at.child('jsonPath'),
        `jsonPath '${path}' must be a simple json path starting with .`,
        `write it as '.${path}'`,
        'values/crd',
      ),
    );
}

// ValidateCustomResourceSelectableFields
function checkSelectableFields(c: CrdCheck, value: unknown, schema: JsonObject | undefined, at: FieldPath): void {
  const fields = namedList(value, at, 'jsonPath');
  if (fields.length === 0) return;
  for (const { path: item, name: path, repeated } of fields) {
    const field = item.child('jsonPath');
    if (path === undefined) continue; // the schema check reports a missing path
    if (path === '') {
      c.out.push(required(field, 'a selectable field needs a jsonPath', "set it, e.g. '.spec.color'"));
      continue;
    }
    const problem = schema ? selectablePathProblem(path, schema) : undefined;
    if (problem)
      c.out.push(
        invalid(
          field,
          `jsonPath '${path}' ${problem}`,
          'point it at a string, boolean or integer field outside metadata',
          'values/crd',
        ),
      );
    if (repeated)
      c.out.push(duplicate(field, `jsonPath '${path}' is selectable more than once`, 'list each field once'));
  }
  const unique = new Set(fields.flatMap(({ name }) => (name ? [name] : [])));
  if (unique.size > MAX_SELECTABLE_FIELDS)
    c.out.push(
      invalid(
        at,
        `a version may have at most ${MAX_SELECTABLE_FIELDS} selectable fields (has ${unique.size})`,
        'keep the fields clients select on most',
        'values/crd',
      ),
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
    c.out.push(
      required(
        FieldPath.root('spec').child('conversion').child('strategy'),
        'conversion.strategy is required',
        'set None or Webhook',
      ),
    );
  else if (strategy !== 'None' && strategy !== 'Webhook')
    c.out.push(
      invalid(
        FieldPath.root('spec').child('conversion').child('strategy'),
        `conversion strategy '${strategy}' is not supported: must be None or Webhook`,
        'use None (the versions differ only in name) or Webhook (a conversion webhook)',
        'values/crd',
      ),
    );
  const webhook = asObject(conversion.webhook);
  const clientConfig = asObject(webhook?.clientConfig);
  const reviewVersions = asArray(webhook?.conversionReviewVersions);
  if (strategy !== 'Webhook') {
    if (clientConfig)
      c.out.push(
        invalid(
          FieldPath.root('spec').child('conversion').child('webhook').child('clientConfig'),
          'webhook.clientConfig should not be set when the conversion strategy is not Webhook',
          'remove the webhook, or set strategy: Webhook',
          'values/crd',
        ),
      );
    if (reviewVersions.length > 0)
      c.out.push(
        invalid(
          FieldPath.root('spec').child('conversion').child('webhook').child('conversionReviewVersions'),
          'webhook.conversionReviewVersions should not be set when the conversion strategy is not Webhook',
          'remove the webhook, or set strategy: Webhook',
          'values/crd',
        ),
      );
    return;
  }
  if (!clientConfig)
    c.out.push(
      required(
        FieldPath.root('spec').child('conversion').child('webhook').child('clientConfig'),
        'webhook.clientConfig is required when the conversion strategy is Webhook',
        'give the conversion webhook: clientConfig.service (in the cluster) or clientConfig.url',
      ),
    );
  else
    checkClientConfig(
      c,
      clientConfig,
      FieldPath.root('spec').child('conversion').child('webhook').child('clientConfig'),
    );
  checkConversionReviewVersions(
    c,
    reviewVersions,
    FieldPath.root('spec').child('conversion').child('webhook').child('conversionReviewVersions'),
  );
}

// validateCustomResourceConversion (clientConfig), webhook.ValidateWebhookURL and ValidateWebhookService
function checkClientConfig(c: CrdCheck, config: JsonObject, at: FieldPath): void {
  const url = asString(config.url);
  const service = asObject(config.service);
  if ((url === undefined) === (service === undefined)) {
    c.out.push(
      oneOf(
        at,
        url === undefined
          ? 'exactly one of url or service is required (neither is set)'
          : 'exactly one of url or service is required (both are set)',
        'give service for a webhook in the cluster, or url for one outside it',
      ),
    );
    return;
  }
  if (url !== undefined) {
    for (const p of webhookUrlProblems(url))
      c.out.push(invalid(at.child('url'), `webhook url '${url}': ${p}`, 'use https://host[/path]', 'values/crd'));
  }
  if (service) {
    for (const key of ['name', 'namespace'] as const)
      if (asString(service[key]) === '')
        c.out.push(
          required(at.child('service').field(key), `the webhook service needs a ${key}`, `set service.${key}`),
        );
    const port = asNumber(service.port) ?? 443;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      c.out.push(
        invalid(
          at.child('service').child('port'),
          `webhook service port ${port} is not valid: must be between 1 and 65535, inclusive`,
          'use the Service port (443 when absent)',
          'values/port',
        ),
      );
    const path = asString(service.path);
    if (path !== undefined)
      for (const p of webhookPathProblems(path))
        c.out.push(
          invalid(
            at.child('service').child('path'),
            `path '${path}' ${p}`,
            "use a path such as '/convert'",
            'values/crd',
          ),
        );
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
function checkConversionReviewVersions(c: CrdCheck, versions: readonly unknown[], at: FieldPath): void {
  if (versions.length === 0) {
    c.out.push(
      required(
        at,
        'webhook.conversionReviewVersions is required when the conversion strategy is Webhook',
        "list the ConversionReview versions the webhook understands, e.g. ['v1']",
      ),
    );
    return;
  }
  const listed = stringList(versions, at);
  let accepted = false;
  for (const { value: v, path, repeated } of listed) {
    if (repeated) {
      c.out.push(duplicate(path, `conversion review version '${v}' is listed more than once`, 'list it once'));
      continue;
    }
    c.dns1035(v, path, 'conversion review version', "use 'v1'");
    if (CONVERSION_REVIEW_VERSIONS.includes(v)) accepted = true;
  }
  if (!accepted && listed.length > 0)
    c.out.push(
      invalid(
        at,
        `conversionReviewVersions must include at least one of ${CONVERSION_REVIEW_VERSIONS.join(', ')} (is ${display(versions)})`,
        "add 'v1' (a webhook that answers apiextensions.k8s.io/v1 ConversionReviews)",
        'values/crd',
      ),
    );
}
