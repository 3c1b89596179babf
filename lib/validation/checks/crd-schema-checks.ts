/**
 * The rules the API server sets for the `openAPIV3Schema` of a CustomResourceDefinition version
 * (rule `values/crd-schema`), read from kubernetes/kubernetes
 * `staging/src/k8s.io/apiextensions-apiserver`: `pkg/apis/apiextensions/validation/validation.go`
 * (`validateCustomResourceDefinitionValidation`, `ValidateCustomResourceDefinitionOpenAPISchema`,
 * `specStandardValidatorV3.validate`, `validateMapListKeysMapSet`) and `pkg/apiserver/schema`
 * (`NewStructural`, `ValidateStructural`, `validateStructuralCompleteness`, and
 * `defaulting.ValidateDefaults`). An apiextensions.k8s.io/v1 CRD always needs a structural schema
 * (`spec.preserveUnknownFields` can only be false), so every rule of `ValidateStructural` applies.
 *
 * The schema is read as the JSON it is (any shape: the CRD's own schema check reports wrong
 * types); nothing here throws on malformed input.
 */
import { FieldPath } from '../field-path';
import { invalid, Problem, stringList } from '../problem';
import { asArray, asObject, asString, display, isSet, JsonObject } from './shape';

/** The types a schema may declare (`openapiV3Types`). */
const OPENAPI_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
/** The properties of a resource (the root, or an embedded one) that are its type and object meta (`metaFields`). */
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
/** `supportedValidationReason` of x-kubernetes-validations rules. */
const VALIDATION_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
/**
 * The root schema's fields when the status subresource is on (`allowedFieldsAtRootSchema`), as
 * their JSON names.
 */
const ALLOWED_AT_ROOT_WITH_STATUS = new Set([
  'description',
  'type',
  'format',
  'title',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'required',
  'items',
  'properties',
  'externalDocs',
  'example',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);
/** What `specStandardValidatorV3.validate` and `NewStructural` refuse (items: as an array of schemas). */
const UNSUPPORTED_KEYS = [
  'id',
  '$schema',
  'additionalItems',
  'patternProperties',
  'definitions',
  'dependencies',
  '$ref',
  'items',
] as const;
/**
 * The keywords no per-node rule looks at by themselves (a node of only these, outside a junctor
 * and below the root, takes the short path of `walk`): the type, documentation, the value
 * validations of scalars, properties, items and additionalProperties.
 */
const PLAIN_KEYS = new Set([
  'type',
  'description',
  'format',
  'title',
  'required',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'example',
  'externalDocs',
  'properties',
  'items',
  'additionalProperties',
]);
/** The keys of metadata's schema at the root that `validateStructuralMetadataInvariants` clears before comparing. */
const METADATA_CLEARED = new Set(['type', 'default', 'properties', 'example', 'externalDocs']);

const HINT_STRUCTURAL =
  'make the schema structural: see "Specifying a structural schema" in the Kubernetes documentation on CustomResourceDefinitions';

type Level = 'root' | 'item' | 'field';

/**
 * Where the walk is: a structural node at a level; a value validation inside a junctor (whose
 * own anyOf is skipped when it is the IntOrString pattern's); or neither (inside an unsupported
 * or skipped part, where only the OpenAPI checks apply).
 */
type Position =
  | { readonly kind: 'structural'; readonly level: Level }
  | { readonly kind: 'nested'; readonly skipAnyOf: boolean }
  | { readonly kind: 'other' };

const STRUCTURAL_ROOT: Position = { kind: 'structural', level: 'root' };
const STRUCTURAL_FIELD: Position = { kind: 'structural', level: 'field' };
const STRUCTURAL_ITEM: Position = { kind: 'structural', level: 'item' };
const NESTED: Position = { kind: 'nested', skipAnyOf: false };
const NESTED_SKIP_ANY_OF: Position = { kind: 'nested', skipAnyOf: true };
const OTHER: Position = { kind: 'other' };

/** On the defaulting walk: whether the node is inside a resource's metadata, apiVersion or kind. */
interface DefaultsScope {
  readonly insideMeta: boolean;
}
const ROOT_DEFAULTS: DefaultsScope = { insideMeta: false };

/** What `specStandardValidatorV3` carries down the schema. */
interface Standard {
  readonly allowDefaults: boolean;
  readonly disallowDefaultsReason?: string;
  readonly insideResourceMeta: boolean;
}

const ROOT_STANDARD: Standard = { allowDefaults: true, insideResourceMeta: false };

/** Whether a value is the zero value of its Go field: unset, null, false, '', an empty list or map. */
function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  const o = asObject(value);
  return o !== undefined && Object.keys(o).length === 0;
}

/** Whether the schema has a default (`default: null` unmarshals to none). */
function hasDefault(node: JsonObject): boolean {
  return node.default !== undefined && node.default !== null;
}

function typeOf(node: JsonObject): string {
  return asString(node.type) ?? '';
}

function propertiesOf(node: JsonObject): [string, JsonObject][] {
  const properties = asObject(node.properties);
  if (!properties) return [];
  const result: [string, JsonObject][] = [];
  for (const [k, v] of Object.entries(properties)) {
    const s = asObject(v);
    if (s) result.push([k, s]);
  }
  return result;
}

function schemasIn(value: unknown): [JsonObject, number][] {
  const result: [JsonObject, number][] = [];
  asArray(value).forEach((v, i) => {
    const s = asObject(v);
    if (s) result.push([s, i]);
  });
  return result;
}

/** An anyOf entry of the IntOrString pattern: exactly `{type: <type>}`. */
function isOnlyType(value: unknown, type: string): boolean {
  const o = asObject(value);
  if (!o || o.type !== type) return false;
  return Object.entries(o).every(([k, v]) => k === 'type' || isZero(v));
}

/** `isIntOrStringAnyOfPattern`: `anyOf: [{type: integer}, {type: string}]`. */
function isIntOrStringAnyOf(node: JsonObject): boolean {
  const anyOf = asArray(node.anyOf);
  return anyOf.length === 2 && isOnlyType(anyOf[0], 'integer') && isOnlyType(anyOf[1], 'string');
}

/** `isIntOrStringAllOfPattern`: the first allOf entry is the IntOrString anyOf. */
function isIntOrStringAllOf(node: JsonObject): boolean {
  const first = asObject(asArray(node.allOf)[0]);
  return first !== undefined && isIntOrStringAnyOf(first);
}

/**
 * Whether Go's regexp (RE2) refuses a pattern JavaScript may accept: lookarounds and
 * backreferences; or a pattern that is malformed for both (unbalanced brackets). RE2-only syntax
 * (`(?i)`, `(?P<name>...)`, `\z`) is not judged.
 */
function patternProblem(pattern: string): string | undefined {
  if (PATTERN_PROBLEMS.has(pattern)) return PATTERN_PROBLEMS.get(pattern);
  const problem = patternProblemOf(pattern);
  if (PATTERN_PROBLEMS.size < 10_000) PATTERN_PROBLEMS.set(pattern, problem);
  return problem;
}

/** Patterns met before and their problems: CRDs repeat the same patterns many times. */
const PATTERN_PROBLEMS = new Map<string, string | undefined>();

function patternProblemOf(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern))
    return 'lookarounds ((?=, (?!, (?<=, (?<!) are not supported by Go regular expressions';
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern))
    return 'backreferences (\\1 ...) are not supported by Go regular expressions';
  if (pattern.includes('(?')) return undefined;
  try {
    new RegExp(pattern);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * The problems (`values/crd-schema`) of the `openAPIV3Schema` of one CRD version: `at` is its
 * field path (`spec.versions[i].schema.openAPIV3Schema`), `statusEnabled` whether the version
 * has the status subresource.
 */
export function crdSchemaProblems(schema: JsonObject, at: FieldPath, statusEnabled: boolean): Problem[] {
  const check = new CrdSchemaCheck();
  check.check(schema, at, statusEnabled);
  return check.out;
}

class CrdSchemaCheck {
  /** Set when `NewStructural` would fail: the structural checks are then not run (as on the server). */
  private unsupported = false;
  /** The findings of `ValidateStructural`, reported only when the schema converts to a structural one. */
  private readonly structuralFindings: [FieldPath, string, string][] = [];
  /** The schemas with a default on the defaulting walk, checked when the schema is structural. */
  private readonly defaultNodes: [JsonObject, FieldPath, boolean][] = [];

  /** The problems found. */
  public readonly out: Problem[] = [];

  /**
   * One walk over the schema does what the API server does in three (`ValidateStructural`,
   * `ValidateCustomResourceDefinitionOpenAPISchema`, `ValidateDefaults`): a large CRD is walked
   * once, and only what it breaks costs more.
   */
  public check(schema: JsonObject, at: FieldPath, statusEnabled: boolean): void {
    this.rootRules(schema, at, statusEnabled);
    this.walk(schema, at, ROOT_STANDARD, true, STRUCTURAL_ROOT, ROOT_DEFAULTS);
    if (this.unsupported) return;
    this.completeness(schema, schema, at, at);
    for (const [field, message, hint] of this.structuralFindings) this.add(field, message, hint);
    if (this.structuralFindings.length > 0) return;
    for (const [node, nodeAt, embedded] of this.defaultNodes) this.checkDefault(node, nodeAt, embedded);
  }

  /**
   * Checks `node` and walks on: every node gets the OpenAPI checks; structural nodes (reached
   * through properties, items and additionalProperties) the structural ones, value validations
   * (inside allOf, anyOf, oneOf and not) theirs; `defaults` is set on the defaulting walk
   * (properties and items from the root). Most nodes of a real schema hold only a type, a
   * description and properties or items: those take a short path with the few checks that can
   * apply to them.
   */
  private walk(
    node: JsonObject,
    at: FieldPath,
    std: Standard,
    isRoot: boolean,
    position: Position,
    defaults: DefaultsScope | undefined,
  ): void {
    let plain = !isRoot && position.kind !== 'nested';
    let extended = false; // an x-kubernetes-* key
    let unusual = false; // a key outside the plain ones and the extensions
    for (const key in node)
      if (!PLAIN_KEYS.has(key)) {
        plain = false;
        if (key.startsWith('x-kubernetes-')) extended = true;
        else unusual = true;
      }
    const properties = asObject(node.properties);
    const items = node.items;
    const itemSchema = asObject(items);
    if (plain && (itemSchema || items === undefined)) {
      this.plainNode(node, at, position, properties, itemSchema);
      this.walkChildren(node, at, std, position, defaults, properties, itemSchema);
      return;
    }
    this.openApiNode(node, at, std, extended, unusual);
    if (position.kind === 'structural') this.structuralNode(node, position.level, at);
    else if (position.kind === 'nested') this.nestedNode(node, at);
    const embedded = node['x-kubernetes-embedded-resource'] === true;
    let insideMeta = defaults?.insideMeta ?? false;
    if (defaults) {
      if (embedded) insideMeta = false;
      if (hasDefault(node) && !insideMeta) this.defaultNodes.push([node, at, embedded || isRoot]);
    }
    const structural = position.kind === 'structural';
    const inValidation: Position = position.kind === 'other' ? OTHER : NESTED;

    if (properties) {
      const propertiesAt = at.child('properties');
      for (const key in properties) {
        const schema = asObject(properties[key]);
        if (!schema) continue;
        let sub = std;
        const meta = (isRoot || embedded) && META_FIELDS.has(key);
        if (meta) {
          sub = { ...sub, insideResourceMeta: true };
          if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${key}` };
        }
        this.walk(
          schema,
          propertiesAt.child(key),
          sub,
          false,
          structural ? STRUCTURAL_FIELD : inValidation,
          defaults && structural ? { insideMeta: insideMeta || meta } : undefined,
        );
      }
    }
    // a junctor's additionalProperties is forbidden (reported there): OTHER below it
    this.walkAdditionalProperties(node, at, std, structural ? STRUCTURAL_FIELD : OTHER);
    if (itemSchema)
      this.walk(
        itemSchema,
        at.child('items'),
        std,
        false,
        structural ? STRUCTURAL_ITEM : inValidation,
        defaults && structural ? { insideMeta } : undefined,
      );
    else if (Array.isArray(items))
      for (const [schema, i] of schemasIn(items))
        this.walk(schema, at.child('items').index(i), std, false, OTHER, undefined);

    // the junctors: value validations, except the IntOrString pattern (anyOf: [integer, string])
    if (node.anyOf !== undefined) {
      const skip = position.kind === 'other' || (structural ? isIntOrStringAnyOf(node) : position.skipAnyOf);
      for (const [schema, i] of schemasIn(node.anyOf))
        this.walk(schema, at.child('anyOf').index(i), std, false, skip ? OTHER : NESTED, undefined);
    }
    if (node.allOf !== undefined) {
      const skipFirst = structural && isIntOrStringAllOf(node);
      for (const [schema, i] of schemasIn(node.allOf))
        this.walk(
          schema,
          at.child('allOf').index(i),
          std,
          false,
          position.kind === 'other' ? OTHER : skipFirst && i === 0 ? NESTED_SKIP_ANY_OF : NESTED,
          undefined,
        );
    }
    if (node.oneOf !== undefined)
      for (const [schema, i] of schemasIn(node.oneOf))
        this.walk(schema, at.child('oneOf').index(i), std, false, inValidation, undefined);
    const not = asObject(node.not);
    if (not) this.walk(not, at.child('not'), std, false, inValidation, undefined);
    for (const key of ['definitions', 'dependencies'] as const) {
      const map = asObject(node[key]);
      if (map)
        for (const name in map) {
          const schema = asObject(map[name]);
          if (schema) this.walk(schema, at.child(key).child(name), std, false, OTHER, undefined);
        }
    }
  }

  /**
   * The checks that apply to a node of only `PLAIN_KEYS` outside a junctor and below the root:
   * its type, properties with additionalProperties, and (structural) an array's items and a
   * missing type. The same checks as the full path gives such a node.
   */
  private plainNode(
    node: JsonObject,
    at: FieldPath,
    position: Position,
    properties: JsonObject | undefined,
    items: JsonObject | undefined,
  ): void {
    const type = typeOf(node);
    if (type !== '' && !OPENAPI_TYPES.has(type)) this.standard(node, at, ROOT_STANDARD);
    const additional = node.additionalProperties;
    if (properties && !isZero(properties) && (additional === false || asObject(additional)))
      this.add(
        at.child('additionalProperties'),
        'additionalProperties and properties are mutual exclusive',
        'use properties for a struct and additionalProperties for a map, not both',
      );
    if (position.kind !== 'structural') return;
    if (type === 'array' && !items)
      this.structuralReport(at.child('items'), 'items must be specified for an array', 'give the items a schema');
    if (type === '')
      this.structuralReport(
        at.child('type'),
        position.level === 'item'
          ? 'type must not be empty for specified array items'
          : 'type must not be empty for specified object fields',
        'give the schema a type (only x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields may go without)',
      );
  }

  /** The walk below a plain node: its properties, additionalProperties and items. */
  private walkChildren(
    node: JsonObject,
    at: FieldPath,
    std: Standard,
    position: Position,
    defaults: DefaultsScope | undefined,
    properties: JsonObject | undefined,
    items: JsonObject | undefined,
  ): void {
    const structural = position.kind === 'structural';
    const childPosition = structural ? STRUCTURAL_FIELD : OTHER;
    const childDefaults = defaults && structural ? defaults : undefined;
    if (properties) {
      const propertiesAt = at.child('properties');
      for (const key in properties) {
        const schema = asObject(properties[key]);
        if (schema) this.walk(schema, propertiesAt.child(key), std, false, childPosition, childDefaults);
      }
    }
    this.walkAdditionalProperties(node, at, std, childPosition);
    if (items) this.walk(items, at.child('items'), std, false, structural ? STRUCTURAL_ITEM : OTHER, childDefaults);
  }

  /**
   * Walks `node.additionalProperties`, if it is a schema: no defaults inside object metadata, and
   * none followed (the server's defaulting does not follow additionalProperties).
   */
  private walkAdditionalProperties(node: JsonObject, at: FieldPath, std: Standard, position: Position): void {
    const additional = asObject(node.additionalProperties);
    if (!additional) return;
    const inMeta: Standard = {
      ...std,
      allowDefaults: false,
      disallowDefaultsReason: 'inside additionalProperties applying to object metadata',
    };
    this.walk(
      additional,
      at.child('additionalProperties'),
      std.insideResourceMeta ? inMeta : std,
      false,
      position,
      undefined,
    );
  }

  private add(field: FieldPath, message: string, hint: string = HINT_STRUCTURAL): void {
    this.out.push(invalid(field, message, hint, 'values/crd-schema'));
  }

  private structuralReport(field: FieldPath, message: string, hint: string = HINT_STRUCTURAL): void {
    this.structuralFindings.push([field, message, hint]);
  }

  /** `validateCustomResourceDefinitionValidation`: the root with the status subresource, and nullable at the root. */
  private rootRules(schema: JsonObject, at: FieldPath, statusEnabled: boolean): void {
    if (statusEnabled) {
      const type = typeOf(schema);
      if (type !== '' && type !== 'object')
        this.add(
          at.child('type'),
          `only "object" is allowed as the type at the root of the schema if the status subresource is enabled (is '${type}')`,
          'set type: object at the root',
        );
      const extra = Object.entries(schema)
        .filter(([k, v]) => !ALLOWED_AT_ROOT_WITH_STATUS.has(k) && !isZero(v))
        .map(([k]) => k);
      if (extra.length > 0)
        this.add(
          at,
          `only ${[...ALLOWED_AT_ROOT_WITH_STATUS].join(', ')} are allowed at the root of the schema if the status subresource is enabled (found ${extra.join(', ')})`,
          `move ${extra.join(', ')} below a property (spec, status), or drop it`,
        );
    }
    if (schema.nullable === true)
      this.add(at.child('nullable'), 'nullable cannot be true at the root', 'remove nullable from the root');
  }

  /** `specStandardValidatorV3.validate` and `NewStructural`'s `validateUnsupportedFields`. */
  private standard(node: JsonObject, at: FieldPath, std: Standard, unusual = true): void {
    const type = typeOf(node);
    if (type === 'null')
      this.add(
        at.child('type'),
        'type cannot be set to null, use nullable as an alternative',
        'remove type: null and set nullable: true',
      );
    else if (type !== '' && !OPENAPI_TYPES.has(type))
      this.add(
        at.child('type'),
        `type '${type}' is not supported: must be one of array, boolean, integer, number, object, string`,
        'use an OpenAPI v3 type',
      );
    if (hasDefault(node) && !std.allowDefaults)
      this.add(
        at.child('default'),
        `default must not be set${std.disallowDefaultsReason ? ` ${std.disallowDefaultsReason}` : ''}`,
        'remove the default',
      );
    if (unusual || Array.isArray(node.items))
      for (const key of UNSUPPORTED_KEYS) {
        const value = node[key];
        if (value === undefined) continue;
        const present =
          key === 'items'
            ? Array.isArray(value) && value.length > 0
            : key === 'additionalItems' || key === 'dependencies' || key === '$ref'
              ? value !== null
              : !isZero(value);
        if (!present) continue;
        this.unsupported = true;
        this.add(
          at.child(key),
          key === 'items' ? 'items must be a schema object and not an array' : `${key} is not supported`,
          'CRD schemas are a subset of OpenAPI v3: inline the schema instead',
        );
      }
    if (std.insideResourceMeta && node['x-kubernetes-embedded-resource'] === true)
      this.add(
        at.child('x-kubernetes-embedded-resource'),
        'x-kubernetes-embedded-resource must not be used inside of resource meta',
        'remove it',
      );
  }

  /** `ValidateCustomResourceDefinitionOpenAPISchema`, for one node (the walk goes on in `walk`). */
  private openApiNode(node: JsonObject, at: FieldPath, std: Standard, extended = true, unusual = true): void {
    this.standard(node, at, std, unusual);
    if (unusual && node.uniqueItems === true)
      this.add(
        at.child('uniqueItems'),
        'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
        'remove uniqueItems (x-kubernetes-list-type: set says the items are unique, and is checked in linear time)',
      );
    const additional = node.additionalProperties;
    if ((additional === false || asObject(additional)) && !isZero(node.properties))
      this.add(
        at.child('additionalProperties'),
        'additionalProperties and properties are mutual exclusive',
        'use properties for a struct and additionalProperties for a map, not both',
      );
    if (extended) {
      this.extensions(node, at);
      if (node['x-kubernetes-validations'] !== undefined) this.validationRules(node, at);
    }
  }

  /** The x-kubernetes-* extensions of one node (`ValidateCustomResourceDefinitionOpenAPISchema`, `validateMapListKeysMapSet`). */
  private extensions(node: JsonObject, at: FieldPath): void {
    const type = typeOf(node);
    if (node['x-kubernetes-preserve-unknown-fields'] === false) {
      this.unsupported = true;
      this.add(
        at.child('x-kubernetes-preserve-unknown-fields'),
        'x-kubernetes-preserve-unknown-fields must be true or undefined',
        'remove it (false is the default) or set it to true',
      );
    }
    const mapType = asString(node['x-kubernetes-map-type']);
    if (mapType !== undefined) {
      if (type !== 'object')
        this.add(
          at.child('type'),
          type === ''
            ? 'type is required: must be object if x-kubernetes-map-type is specified'
            : `type must be object if x-kubernetes-map-type is specified (is '${type}')`,
          'set type: object, or remove x-kubernetes-map-type',
        );
      if (mapType !== 'atomic' && mapType !== 'granular')
        this.add(
          at.child('x-kubernetes-map-type'),
          `x-kubernetes-map-type '${mapType}' is not supported: must be atomic or granular`,
          'use atomic or granular',
        );
    }
    const listType = asString(node['x-kubernetes-list-type']);
    const items = asObject(node.items);
    if (listType !== undefined && type !== 'array')
      this.add(
        at.child('type'),
        type === ''
          ? 'type is required: must be array if x-kubernetes-list-type is specified'
          : `type must be array if x-kubernetes-list-type is specified (is '${type}')`,
        'set type: array, or remove x-kubernetes-list-type',
      );
    else if (listType === 'set' && items) {
      const itemType = typeOf(items);
      const itemListType = asString(items['x-kubernetes-list-type']);
      if (itemType === 'array' && itemListType !== undefined && itemListType !== 'atomic')
        this.add(
          at.child('items').child('x-kubernetes-list-type'),
          'must be atomic as item of a list with x-kubernetes-list-type=set',
          'set x-kubernetes-list-type: atomic on the items',
        );
      if (itemType === 'object' && items['x-kubernetes-map-type'] !== 'atomic')
        this.add(
          at.child('items').child('x-kubernetes-map-type'),
          'must be atomic as item of a list with x-kubernetes-list-type=set',
          'set x-kubernetes-map-type: atomic on the items, or use x-kubernetes-list-type: map with keys',
        );
    }
    if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType))
      this.add(
        at.child('x-kubernetes-list-type'),
        `x-kubernetes-list-type '${listType}' is not supported: must be atomic, set or map`,
        'use atomic, set or map',
      );
    const keys = asArray(node['x-kubernetes-list-map-keys']);
    if (keys.length > 0 && listType !== 'map')
      this.add(
        at.child('x-kubernetes-list-type'),
        listType === undefined
          ? 'x-kubernetes-list-type is required: must be map if x-kubernetes-list-map-keys is non-empty'
          : `x-kubernetes-list-type must be map if x-kubernetes-list-map-keys is non-empty (is '${listType}')`,
        'set x-kubernetes-list-type: map, or remove the keys',
      );
    if (listType === 'map') this.mapList(node, at, keys);
    if (items && (listType === 'set' || listType === 'map')) {
      if (items.nullable === true)
        this.add(
          at.child('items').child('nullable'),
          `items cannot be nullable when x-kubernetes-list-type is ${listType}`,
          'remove nullable from the items',
        );
    }
  }

  /** A `x-kubernetes-list-type: map` list: keys, items, key properties. */
  private mapList(node: JsonObject, at: FieldPath, keys: readonly unknown[]): void {
    if (keys.length === 0)
      this.add(
        at.child('x-kubernetes-list-map-keys'),
        'x-kubernetes-list-map-keys is required: must not be empty if x-kubernetes-list-type is map',
        'name the item properties that identify an item',
      );
    if (!isSet(node.items)) {
      this.add(
        at.child('items'),
        'items is required: must have a schema if x-kubernetes-list-type is map',
        'give the items a schema',
      );
      return;
    }
    const items = asObject(node.items);
    if (!items) {
      this.add(
        at.child('items'),
        'must only have a single schema if x-kubernetes-list-type is map',
        'give the items one schema',
      );
      return;
    }
    if (typeOf(items) !== 'object') {
      this.add(
        at.child('items').child('type'),
        `items must be object if the array's x-kubernetes-list-type is map (is '${typeOf(items)}')`,
        'set type: object on the items',
      );
      return;
    }
    const properties = new Map(propertiesOf(items));
    const required = new Set(asArray(items.required).filter((r): r is string => typeof r === 'string'));
    for (const { value: key, repeated } of stringList(keys, at.child('x-kubernetes-list-map-keys'))) {
      const property = properties.get(key);
      const propertyAt = at.child('items').child('properties').child(key);
      if (!property)
        this.add(
          at.child('x-kubernetes-list-map-keys'),
          `x-kubernetes-list-map-keys entries must all be names of item properties ('${key}' is not)`,
          `add '${key}' to the items' properties, or remove it from the keys`,
        );
      else {
        const type = typeOf(property);
        if (type === 'array' || type === 'object')
          this.add(
            propertyAt.child('type'),
            `key '${key}' must be a scalar type if the array's x-kubernetes-list-type is map (is '${type}')`,
            'use a string, integer or boolean key',
          );
        if (!required.has(key) && !hasDefault(property))
          this.add(
            propertyAt.child('default'),
            `'${key}' is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
            `add '${key}' to the items' required list, or give it a default`,
          );
        if (property.nullable === true)
          this.add(
            propertyAt.child('nullable'),
            `'${key}' is in x-kubernetes-list-map-keys, so it cannot be nullable`,
            'remove nullable',
          );
      }
      if (repeated)
        this.add(
          at.child('x-kubernetes-list-map-keys'),
          `x-kubernetes-list-map-keys must not contain duplicate entries ('${key}')`,
          'name each key once',
        );
    }
  }

  /** The static checks of `x-kubernetes-validations` rules (their CEL is not compiled here). */
  private validationRules(node: JsonObject, at: FieldPath): void {
    for (const [rule, i] of schemasIn(node['x-kubernetes-validations'])) {
      const ruleAt = at.child('x-kubernetes-validations').index(i);
      const text = asString(rule.rule) ?? '';
      const message = asString(rule.message) ?? '';
      const newline = /[\n\r]/;
      if (text.trim() === '') this.add(ruleAt.child('rule'), 'rule is required', 'write the CEL rule');
      else if (message.length > 0 && message.trim() === '')
        this.add(ruleAt.child('message'), 'message must be non-empty if specified', 'write a message or remove it');
      else if (newline.test(message.trim()))
        this.add(ruleAt.child('message'), 'message must not contain line breaks', 'write the message on one line');
      else if (newline.test(text.trim()) && message.trim() === '')
        this.add(
          ruleAt.child('message'),
          'message is required if the rule contains line breaks',
          'add a message to the rule',
        );
      const messageExpression = asString(rule.messageExpression) ?? '';
      if (messageExpression.length > 0 && messageExpression.trim() === '')
        this.add(
          ruleAt.child('messageExpression'),
          'messageExpression must be non-empty if specified',
          'write the expression or remove it',
        );
      const reason = asString(rule.reason);
      if (reason !== undefined && !VALIDATION_REASONS.includes(reason))
        this.add(
          ruleAt.child('reason'),
          `reason '${reason}' is not supported: must be one of ${VALIDATION_REASONS.join(', ')}`,
          'use a supported reason or remove it',
        );
      const fieldPath = asString(rule.fieldPath) ?? '';
      if (fieldPath.length > 0 && fieldPath.trim() === '')
        this.add(ruleAt.child('fieldPath'), 'fieldPath must be non-empty if specified', 'write the path or remove it');
      if (newline.test(fieldPath))
        this.add(ruleAt.child('fieldPath'), 'fieldPath must not contain line breaks', 'write the path on one line');
    }
  }

  /** `validateStructuralInvariants`, for one structural node (the walk goes on in `walk`). */
  private structuralNode(node: JsonObject, level: Level, at: FieldPath): void {
    const type = typeOf(node);
    const items = asObject(node.items);
    if (type === 'array' && !items)
      this.structuralReport(at.child('items'), 'items must be specified for an array', 'give the items a schema');
    const properties = asObject(node.properties);
    const additional = node.additionalProperties;
    if (level === 'root' && isSet(additional))
      this.structuralReport(
        at.child('additionalProperties'),
        'additionalProperties must not be used at the root',
        'describe the object with properties',
      );
    const intOrString = node['x-kubernetes-int-or-string'] === true;
    const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = node['x-kubernetes-embedded-resource'] === true;
    if (intOrString && preserve)
      this.structuralReport(
        at.child('x-kubernetes-preserve-unknown-fields'),
        'x-kubernetes-preserve-unknown-fields must be false if x-kubernetes-int-or-string is true',
        'remove one of them',
      );
    if (intOrString && embedded)
      this.structuralReport(
        at.child('x-kubernetes-embedded-resource'),
        'x-kubernetes-embedded-resource must be false if x-kubernetes-int-or-string is true',
        'remove one of them',
      );
    this.pattern(node, at);
    const checkMetadata = level === 'root' || embedded;
    if (embedded && type !== 'object')
      this.structuralReport(
        at.child('type'),
        type === ''
          ? 'type is required: must be object if x-kubernetes-embedded-resource is true'
          : `type must be object if x-kubernetes-embedded-resource is true (is '${type}')`,
        'set type: object',
      );
    else if (type === '' && !intOrString && !preserve)
      this.structuralReport(
        at.child('type'),
        level === 'root'
          ? 'type must not be empty at the root'
          : level === 'item'
            ? 'type must not be empty for specified array items'
            : 'type must not be empty for specified object fields',
        'give the schema a type (only x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields may go without)',
      );
    if (embedded && isSet(additional))
      this.structuralReport(
        at.child('additionalProperties'),
        'additionalProperties must not be used if x-kubernetes-embedded-resource is set',
        'remove additionalProperties',
      );
    if (level === 'root' && type !== '' && type !== 'object')
      this.structuralReport(at.child('type'), `type must be object at the root (is '${type}')`, 'set type: object');
    if (checkMetadata && properties)
      for (const key of ['kind', 'apiVersion']) {
        const schema = asObject(properties[key]);
        if (schema && typeOf(schema) !== 'string')
          this.structuralReport(
            at.child('properties').child(key).child('type'),
            `${key} must be of type string (is '${typeOf(schema)}')`,
            'set type: string',
          );
      }
    const metadata = asObject(properties?.metadata);
    if (metadata) this.metadataInvariants(metadata, checkMetadata, level, at.child('properties').child('metadata'));
    if (embedded && !preserve && isZero(properties))
      this.structuralReport(
        at.child('properties'),
        'properties must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
        'list the properties, or set x-kubernetes-preserve-unknown-fields: true',
      );
  }

  /** `validateStructuralMetadataInvariants`: metadata is an object, and at the root may only restrict name and generateName. */
  private metadataInvariants(metadata: JsonObject, checkMetadata: boolean, level: Level, at: FieldPath): void {
    const type = typeOf(metadata);
    if (checkMetadata && type !== '' && type !== 'object')
      this.structuralReport(at.child('type'), `metadata must be of type object (is '${type}')`, 'set type: object');
    if (level !== 'root') return;
    const propertyNames = propertiesOf(metadata).map(([k]) => k);
    const onlyNames = propertyNames.every((k) => k === 'name' || k === 'generateName');
    const extra = Object.entries(metadata)
      .filter(([k, v]) => !isZero(v) && (!METADATA_CLEARED.has(k) || (k === 'properties' && !onlyNames)))
      .map(([k]) => k);
    if (extra.length > 0)
      this.structuralReport(
        at,
        `metadata must not specify anything other than name and generateName, but metadata is implicitly specified (found ${extra.join(', ')})`,
        'leave metadata as { type: object } (the API server validates object metadata itself), or restrict only name and generateName',
      );
  }

  /** `validateValueValidation`'s pattern check: a pattern compiles as a Go regular expression. */
  private pattern(node: JsonObject, at: FieldPath): void {
    const pattern = asString(node.pattern);
    if (pattern === undefined || pattern.length === 0) return;
    const problem = patternProblem(pattern);
    if (problem)
      this.structuralReport(
        at.child('pattern'),
        `pattern must be a valid regular expression, but isn't: ${problem}`,
        'write the pattern in Go (RE2) syntax',
      );
  }

  /** `validateNestedValueValidation`, for one node: inside allOf, anyOf, oneOf and not only value validations may appear. */
  private nestedNode(node: JsonObject, at: FieldPath): void {
    this.pattern(node, at);
    const forbidden: [string, boolean, string][] = [
      ['type', typeOf(node) !== '', 'must be empty'],
      ['additionalProperties', isSet(node.additionalProperties), 'must be undefined'],
      ['default', hasDefault(node), 'must be undefined'],
      ['title', !isZero(node.title), 'must be empty'],
      ['description', !isZero(node.description), 'must be empty'],
      ['nullable', node.nullable === true, 'must be false'],
      ['x-kubernetes-preserve-unknown-fields', node['x-kubernetes-preserve-unknown-fields'] === true, 'must be false'],
      ['x-kubernetes-embedded-resource', node['x-kubernetes-embedded-resource'] === true, 'must be false'],
      ['x-kubernetes-int-or-string', node['x-kubernetes-int-or-string'] === true, 'must be false'],
      ['x-kubernetes-list-map-keys', asArray(node['x-kubernetes-list-map-keys']).length > 0, 'must be empty'],
      ['x-kubernetes-list-type', isSet(node['x-kubernetes-list-type']), 'must be undefined'],
      ['x-kubernetes-map-type', isSet(node['x-kubernetes-map-type']), 'must be undefined'],
      ['x-kubernetes-validations', asArray(node['x-kubernetes-validations']).length > 0, 'must be empty'],
    ];
    for (const [key, present, rule] of forbidden)
      if (present)
        this.structuralReport(
          at.child(key),
          `${key} ${rule} to be structural (inside allOf, anyOf, oneOf or not)`,
          `move ${key} to the schema the junctor belongs to; allOf, anyOf, oneOf and not may only hold value validations`,
        );
    if (propertiesOf(node).some(([k]) => k === 'metadata'))
      this.structuralReport(
        at.child('properties').child('metadata'),
        'metadata must not be specified in a nested context (allOf, anyOf, oneOf, not)',
        'remove it',
      );
  }

  /**
   * `validateStructuralCompleteness`: what the root's allOf, anyOf, oneOf and not name (properties,
   * items) is also specified outside of them. Like the API server, only the root's junctors.
   */
  private completeness(v: JsonObject, s: JsonObject | undefined, sAt: FieldPath, vAt: FieldPath): void {
    const junctors: [JsonObject, FieldPath][] = [];
    const not = asObject(v.not);
    if (not) junctors.push([not, vAt.child('not')]);
    for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const)
      for (const [schema, i] of schemasIn(v[junctor])) junctors.push([schema, vAt.child(junctor).index(i)]);
    if (junctors.length === 0) return;
    if (!s) {
      this.structuralReport(sAt, `must be specified because it is defined in ${vAt}`, 'specify it outside the junctor');
      return;
    }
    for (const [nested, at] of junctors) this.nestedCompleteness(nested, s, sAt, at);
  }

  private nestedCompleteness(v: JsonObject, s: JsonObject | undefined, sAt: FieldPath, vAt: FieldPath): void {
    if (!s) {
      this.structuralReport(sAt, `must be specified because it is defined in ${vAt}`, 'specify it outside the junctor');
      return;
    }
    this.completeness(v, s, sAt, vAt);
    const items = asObject(v.items);
    if (items) this.nestedCompleteness(items, asObject(s.items), sAt.child('items'), vAt.child('items'));
    const structuralProperties = new Map(propertiesOf(s));
    for (const [key, schema] of propertiesOf(v)) {
      const sAtKey = sAt.child('properties').child(key);
      const vAtKey = vAt.child('properties').child(key);
      const counterpart = structuralProperties.get(key);
      if (!counterpart)
        this.structuralReport(
          sAtKey,
          `must be specified because it is defined in ${vAtKey}`,
          `add '${key}' to the properties`,
        );
      else this.nestedCompleteness(schema, counterpart, sAtKey, vAtKey);
    }
  }

  /**
   * `defaulting.ValidateDefaults`, for one default: valid against its schema, and without a field
   * the schema would prune. The walk collects the defaults on properties and items (not under
   * additionalProperties, as the server); defaults inside a resource's metadata are left to it.
   */
  private checkDefault(node: JsonObject, at: FieldPath, embedded: boolean): void {
    const unknown = unknownFields(node.default, node, embedded, FieldPath.root(''));
    if (unknown.length > 0)
      this.add(
        at.child('default'),
        `default must not have unknown fields (${unknown.slice(0, 5).join(', ')}): the API server prunes them`,
        'remove them from the default, or add them to the schema',
      );
    const problems = valueProblems(node.default, node, FieldPath.root(''));
    if (problems.length > 0)
      this.add(
        at.child('default'),
        `default ${typeof node.default === 'string' ? `'${node.default}'` : display(node.default)} does not match its schema: ${problems.slice(0, 3).join('; ')}`,
        'fix the default value',
      );
  }
}

/** The fields of `value` that pruning by `schema` would drop (`pruning.Prune`), as paths. */
function unknownFields(value: unknown, schema: JsonObject, embedded: boolean, at: FieldPath): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return [];
  if (Array.isArray(value)) {
    const items = asObject(schema.items);
    return items
      ? value.flatMap((v, i) => unknownFields(v, items, items['x-kubernetes-embedded-resource'] === true, at.index(i)))
      : [];
  }
  const o = asObject(value);
  if (!o) return [];
  const properties = new Map(propertiesOf(schema));
  const additional = schema.additionalProperties;
  const result: string[] = [];
  for (const [key, v] of Object.entries(o)) {
    const keyAt = at.child(key);
    if (embedded && META_FIELDS.has(key)) continue;
    const property = properties.get(key);
    if (property)
      result.push(...unknownFields(v, property, property['x-kubernetes-embedded-resource'] === true, keyAt));
    else if (asObject(additional))
      result.push(
        ...unknownFields(
          v,
          additional as JsonObject,
          (additional as JsonObject)['x-kubernetes-embedded-resource'] === true,
          keyAt,
        ),
      );
    else if (additional !== true) result.push(keyAt.toString());
  }
  return result;
}

/** Type, enum, bounds and required problems of `value` against `schema` (a subset of the server's schema validation). */
function valueProblems(value: unknown, schema: JsonObject, at: FieldPath): string[] {
  const text = at.toString();
  const where = text ? `${text}: ` : '';
  if (value === null) return schema.nullable === true ? [] : [`${where}must not be null (the schema is not nullable)`];
  const type = typeOf(schema);
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))))
      return [`${where}must be an integer or a string`];
  } else if (type !== '' && !hasType(value, type)) return [`${where}must be of type ${type}`];
  const problems: string[] = [];
  const allowed = asArray(schema.enum);
  if (allowed.length > 0 && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value)))
    problems.push(`${where}must be one of ${allowed.map((a) => display(a)).join(', ')}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      problems.push(`${where}may not be longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      problems.push(`${where}must be at least ${schema.minLength} characters long`);
  }
  if (typeof value === 'number') {
    if (
      typeof schema.maximum === 'number' &&
      (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)
    )
      problems.push(
        `${where}must be less than${schema.exclusiveMaximum === true ? '' : ' or equal to'} ${schema.maximum}`,
      );
    if (
      typeof schema.minimum === 'number' &&
      (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)
    )
      problems.push(
        `${where}must be greater than${schema.exclusiveMinimum === true ? '' : ' or equal to'} ${schema.minimum}`,
      );
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      problems.push(`${where}must have at most ${schema.maxItems} items`);
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      problems.push(`${where}must have at least ${schema.minItems} items`);
    const items = asObject(schema.items);
    if (items) value.forEach((v, i) => problems.push(...valueProblems(v, items, at.index(i))));
  }
  const o = asObject(value);
  if (o) {
    for (const key of asArray(schema.required))
      if (typeof key === 'string' && !(key in o)) problems.push(`${at.child(key)}: is required`);
    const properties = new Map(propertiesOf(schema));
    const additional = asObject(schema.additionalProperties);
    for (const [key, v] of Object.entries(o)) {
      const property = properties.get(key) ?? (properties.size === 0 ? additional : undefined);
      if (property) problems.push(...valueProblems(v, property, at.child(key)));
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return asObject(value) !== undefined;
    default:
      return true;
  }
}
