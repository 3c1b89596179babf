// CustomResourceDefinitions the API server rejects (issue 23): each case breaks one rule of
// apiextensions-apiserver's `pkg/apis/apiextensions/validation` or `pkg/apiserver/schema` (the Go
// function is named in lib/validation/checks/crd-checks.ts and crd-schema-checks.ts) in an
// otherwise valid CRD, and goes through at least two entry points: a raw ApiObject, the same
// object as upstream YAML (UpstreamManifests), and, where the case gives one, a JSON patch on the
// valid CRD; a few go through the cdk8s L1 class with typed props. Each finding names the rule, the
// object, the construct path and the field.
import { ApiObject, JsonPatch } from 'cdk8s';
import { stringify } from 'yaml';
import { RULES, UpstreamManifests } from '../../lib';
import { FixtureApp } from './fixture-app';

export type Json = Record<string, unknown>;
const { add, replace, remove } = JsonPatch;

const V0 = 'spec.versions[0]';
const SCHEMA = `${V0}.schema.openAPIV3Schema`;
const SPEC = `${SCHEMA}.properties.spec`;
/** The JSON pointers of the same places, for patches. */
const P_V0 = '/spec/versions/0';
const P_SCHEMA = `${P_V0}/schema/openAPIV3Schema`;
const P_SPEC = `${P_SCHEMA}/properties/spec`;

/** A valid CRD using most of what the API server allows: defaults, IntOrString, list and map types, an embedded resource, subresources, columns, selectable fields. */
function widgetCrd(): Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: {
        plural: 'widgets',
        singular: 'widget',
        kind: 'Widget',
        listKind: 'WidgetList',
        shortNames: ['wd'],
        categories: ['all'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: 'A widget.',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  required: ['color'],
                  properties: {
                    size: { type: 'integer', format: 'int32', default: 1, minimum: 1 },
                    color: { type: 'string', enum: ['red', 'blue'] },
                    port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                    tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
                    ports: {
                      type: 'array',
                      'x-kubernetes-list-type': 'map',
                      'x-kubernetes-list-map-keys': ['name'],
                      items: {
                        type: 'object',
                        required: ['name'],
                        properties: { name: { type: 'string' }, port: { type: 'integer' } },
                      },
                    },
                    labels: { type: 'object', additionalProperties: { type: 'string' } },
                    mode: { type: 'string', pattern: '^[a-z]+$', default: 'auto' },
                    limits: {
                      type: 'object',
                      default: { cpu: '1' },
                      properties: { cpu: { type: 'string' }, memory: { type: 'string' } },
                    },
                    template: {
                      type: 'object',
                      'x-kubernetes-embedded-resource': true,
                      'x-kubernetes-preserve-unknown-fields': true,
                    },
                    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  },
                  'x-kubernetes-validations': [{ rule: 'self.size <= 10', message: 'at most 10' }],
                },
                status: {
                  type: 'object',
                  properties: { replicas: { type: 'integer' }, selector: { type: 'string' } },
                },
              },
            },
          },
          subresources: {
            status: {},
            scale: {
              specReplicasPath: '.spec.size',
              statusReplicasPath: '.status.replicas',
              labelSelectorPath: '.status.selector',
            },
          },
          additionalPrinterColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }],
          selectableFields: [{ jsonPath: '.spec.color' }],
        },
      ],
    },
  };
}

/** A deep copy of the valid CRD changed by `mutate`. */
export function brokenCrd(mutate: (crd: Json) => void): Json {
  const crd = widgetCrd();
  mutate(crd);
  return crd;
}

/** Reads `obj` at a dotted path of keys and indexes ('spec.versions.0'). */
export function at(obj: Json, path: string): Json {
  let cur: unknown = obj;
  for (const key of path.split('.')) cur = (cur as Record<string, unknown>)[key];
  return cur as Json;
}
const version0 = (crd: Json) => at(crd, 'spec.versions.0');
const schemaOf = (crd: Json) => at(crd, 'spec.versions.0.schema.openAPIV3Schema');
const specOf = (crd: Json) => at(crd, 'spec.versions.0.schema.openAPIV3Schema.properties.spec');
const specProps = (crd: Json) => at(crd, 'spec.versions.0.schema.openAPIV3Schema.properties.spec.properties');

/** A CRD bad-input case. */
export interface CrdCase {
  readonly rule: keyof typeof RULES;
  readonly field: string;
  /** Makes the valid CRD (a copy) into the bad one: run as a raw ApiObject and as upstream YAML. */
  readonly mutate: (crd: Json) => void;
  /** The same change as JSON patch operations on the valid CRD, when the case is also run that way. */
  readonly patch?: readonly JsonPatch[];
}

/** The CRD bad-input table, by case name. */
export const CRD_CASES: Record<string, CrdCase> = {
  // ValidateCustomResourceDefinition: the name
  'metadata.name is not <plural>.<group>': {
    rule: 'values/name',
    field: 'metadata.name',
    mutate: (crd) => (at(crd, 'spec.names').plural = 'gadgets'),
    patch: [replace('/spec/names/plural', 'gadgets')],
  },
  // validateCustomResourceDefinitionSpec: group, scope, versions
  'a group without a dot': {
    rule: 'values/crd',
    field: 'spec.group',
    mutate: (crd) => {
      at(crd, 'spec').group = 'example';
      at(crd, 'metadata').name = 'widgets.example';
    },
    patch: [replace('/spec/group', 'example'), replace('/metadata/name', 'widgets.example')],
  },
  'a group that is not a DNS subdomain': {
    rule: 'values/crd',
    field: 'spec.group',
    mutate: (crd) => (at(crd, 'spec').group = 'Example_Corp.com'),
  },
  'a *.k8s.io group without the approval annotation (validateAPIApproval)': {
    rule: 'values/required',
    field: "metadata.annotations['api-approved.kubernetes.io']",
    mutate: (crd) => {
      at(crd, 'spec').group = 'widgets.k8s.io';
      at(crd, 'metadata').name = 'widgets.widgets.k8s.io';
    },
    patch: [replace('/spec/group', 'widgets.k8s.io'), replace('/metadata/name', 'widgets.widgets.k8s.io')],
  },
  'scope neither Namespaced nor Cluster': {
    rule: 'values/crd',
    field: 'spec.scope',
    mutate: (crd) => (at(crd, 'spec').scope = 'Global'),
    patch: [replace('/spec/scope', 'Global')],
  },
  'preserveUnknownFields: true (validatePreserveUnknownFields)': {
    rule: 'values/crd',
    field: 'spec.preserveUnknownFields',
    mutate: (crd) => (at(crd, 'spec').preserveUnknownFields = true),
    patch: [add('/spec/preserveUnknownFields', true)],
  },
  'no versions': {
    rule: 'values/required',
    field: 'spec.versions',
    mutate: (crd) => (at(crd, 'spec').versions = []),
    patch: [replace('/spec/versions', [])],
  },
  'a version name that is not a DNS-1035 label': {
    rule: 'values/crd',
    field: `${V0}.name`,
    mutate: (crd) => (version0(crd).name = 'V1'),
    patch: [replace(`${P_V0}/name`, 'V1')],
  },
  'two versions with the same name': {
    rule: 'values/duplicate',
    field: 'spec.versions[1].name',
    mutate: (crd) => (at(crd, 'spec').versions as Json[]).push({ ...version0(crd), storage: false }),
  },
  'two storage versions': {
    rule: 'values/crd',
    field: 'spec.versions',
    mutate: (crd) => (at(crd, 'spec').versions as Json[]).push({ ...version0(crd), name: 'v2' }),
  },
  'no storage version': {
    rule: 'values/crd',
    field: 'spec.versions',
    mutate: (crd) => (version0(crd).storage = false),
    patch: [replace(`${P_V0}/storage`, false)],
  },
  'a version without a schema (required in apiextensions.k8s.io/v1)': {
    rule: 'values/required',
    field: `${SCHEMA}`,
    mutate: (crd) => delete version0(crd).schema,
    patch: [remove(`${P_V0}/schema`)],
  },
  // ValidateCustomResourceDefinitionNames
  'a plural with upper case': {
    rule: 'values/crd',
    field: 'spec.names.plural',
    mutate: (crd) => {
      at(crd, 'spec.names').plural = 'Widgets';
      at(crd, 'metadata').name = 'Widgets.example.com';
    },
  },
  'a singular with an underscore': {
    rule: 'values/crd',
    field: 'spec.names.singular',
    mutate: (crd) => (at(crd, 'spec.names').singular = 'my_widget'),
    patch: [replace('/spec/names/singular', 'my_widget')],
  },
  'a kind starting with a digit': {
    rule: 'values/crd',
    field: 'spec.names.kind',
    mutate: (crd) => (at(crd, 'spec.names').kind = '1Widget'),
  },
  'listKind equal to kind': {
    rule: 'values/crd',
    field: 'spec.names.listKind',
    mutate: (crd) => (at(crd, 'spec.names').listKind = 'Widget'),
    patch: [replace('/spec/names/listKind', 'Widget')],
  },
  'a short name that is not a DNS-1035 label': {
    rule: 'values/crd',
    field: 'spec.names.shortNames[0]',
    mutate: (crd) => (at(crd, 'spec.names').shortNames = ['w_d']),
  },
  'a category with a space': {
    rule: 'values/crd',
    field: 'spec.names.categories[0]',
    mutate: (crd) => (at(crd, 'spec.names').categories = ['all things']),
  },
  // validateCustomResourceDefinitionVersion
  'a deprecationWarning on a version that is not deprecated (validateDeprecationWarning)': {
    rule: 'values/crd',
    field: `${V0}.deprecationWarning`,
    mutate: (crd) => (version0(crd).deprecationWarning = 'use v2'),
    patch: [add(`${P_V0}/deprecationWarning`, 'use v2')],
  },
  // ValidateCustomResourceDefinitionSubresources
  'a scale specReplicasPath not under .spec': {
    rule: 'values/crd',
    field: `${V0}.subresources.scale.specReplicasPath`,
    mutate: (crd) => (at(crd, 'spec.versions.0.subresources.scale').specReplicasPath = '.status.replicas'),
    patch: [replace(`${P_V0}/subresources/scale/specReplicasPath`, '.status.replicas')],
  },
  'a scale statusReplicasPath without the leading dot': {
    rule: 'values/crd',
    field: `${V0}.subresources.scale.statusReplicasPath`,
    mutate: (crd) => (at(crd, 'spec.versions.0.subresources.scale').statusReplicasPath = 'status.replicas'),
  },
  // ValidateCustomResourceColumnDefinition
  'a printer column of an unknown type': {
    rule: 'values/crd',
    field: `${V0}.additionalPrinterColumns[0].type`,
    mutate: (crd) => (at(crd, 'spec.versions.0.additionalPrinterColumns.0').type = 'float'),
    patch: [replace(`${P_V0}/additionalPrinterColumns/0/type`, 'float')],
  },
  // ValidateCustomResourceSelectableFields
  'a selectable field in metadata': {
    rule: 'values/crd',
    field: `${V0}.selectableFields[0].jsonPath`,
    mutate: (crd) => (at(crd, 'spec.versions.0.selectableFields.0').jsonPath = '.metadata.labels'),
  },
  'a selectable field of type object': {
    rule: 'values/crd',
    field: `${V0}.selectableFields[0].jsonPath`,
    mutate: (crd) => (at(crd, 'spec.versions.0.selectableFields.0').jsonPath = '.spec.limits'),
  },
  // validateCustomResourceConversion
  'a conversion strategy other than None or Webhook': {
    rule: 'values/crd',
    field: 'spec.conversion.strategy',
    mutate: (crd) => (at(crd, 'spec').conversion = { strategy: 'Magic' }),
    patch: [add('/spec/conversion', { strategy: 'Magic' })],
  },
  'a Webhook conversion without clientConfig': {
    rule: 'values/required',
    field: 'spec.conversion.webhook.clientConfig',
    mutate: (crd) =>
      (at(crd, 'spec').conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'] } }),
  },
  'a Webhook conversion to an http URL': {
    rule: 'values/crd',
    field: 'spec.conversion.webhook.clientConfig.url',
    mutate: (crd) =>
      (at(crd, 'spec').conversion = {
        strategy: 'Webhook',
        webhook: { clientConfig: { url: 'http://convert.example.com/widgets' }, conversionReviewVersions: ['v1'] },
      }),
  },
  'a Webhook conversion with both url and service': {
    rule: 'values/one-of',
    field: 'spec.conversion.webhook.clientConfig',
    mutate: (crd) =>
      (at(crd, 'spec').conversion = {
        strategy: 'Webhook',
        webhook: {
          clientConfig: { url: 'https://convert.example.com', service: { name: 'convert', namespace: 'shop' } },
          conversionReviewVersions: ['v1'],
        },
      }),
  },
  'conversionReviewVersions without v1 or v1beta1': {
    rule: 'values/crd',
    field: 'spec.conversion.webhook.conversionReviewVersions',
    mutate: (crd) =>
      (at(crd, 'spec').conversion = {
        strategy: 'Webhook',
        webhook: {
          clientConfig: { service: { name: 'convert', namespace: 'shop' } },
          conversionReviewVersions: ['v2'],
        },
      }),
  },
  'a webhook with strategy None': {
    rule: 'values/crd',
    field: 'spec.conversion.webhook.clientConfig',
    mutate: (crd) =>
      (at(crd, 'spec').conversion = {
        strategy: 'None',
        webhook: {
          clientConfig: { service: { name: 'convert', namespace: 'shop' } },
          conversionReviewVersions: ['v1'],
        },
      }),
  },
  // validateCustomResourceDefinitionValidation: the root
  'a nullable root': {
    rule: 'values/crd-schema',
    field: `${SCHEMA}.nullable`,
    mutate: (crd) => (schemaOf(crd).nullable = true),
    patch: [add(`${P_SCHEMA}/nullable`, true)],
  },
  'an anyOf at the root with the status subresource on': {
    rule: 'values/crd-schema',
    field: SCHEMA,
    mutate: (crd) => (schemaOf(crd).anyOf = [{ required: ['spec'] }]),
  },
  // ValidateStructural (validateStructuralInvariants)
  'a root schema without a type': {
    rule: 'values/crd-schema',
    field: `${SCHEMA}.type`,
    mutate: (crd) => delete schemaOf(crd).type,
    patch: [remove(`${P_SCHEMA}/type`)],
  },
  'a property without a type': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.size.type`,
    mutate: (crd) => delete (specProps(crd).size as Json).type,
    patch: [remove(`${P_SPEC}/properties/size/type`)],
  },
  'an array without items': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.tags.items`,
    mutate: (crd) => delete (specProps(crd).tags as Json).items,
  },
  'additionalProperties at the root': {
    rule: 'values/crd-schema',
    field: `${SCHEMA}.additionalProperties`,
    mutate: (crd) => {
      version0(crd).subresources = {};
      schemaOf(crd).additionalProperties = { type: 'string' };
      delete schemaOf(crd).properties;
    },
  },
  'metadata at the root restricting labels': {
    rule: 'values/crd-schema',
    field: `${SCHEMA}.properties.metadata`,
    mutate: (crd) =>
      ((schemaOf(crd).properties as Json).metadata = {
        type: 'object',
        properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } },
      }),
    patch: [add(`${P_SCHEMA}/properties/metadata/properties`, { labels: { type: 'object' } })],
  },
  'an embedded resource that is not an object': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.template.type`,
    mutate: (crd) => ((specProps(crd).template as Json).type = 'string'),
  },
  'x-kubernetes-int-or-string with x-kubernetes-preserve-unknown-fields': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.port.x-kubernetes-preserve-unknown-fields`,
    mutate: (crd) => ((specProps(crd).port as Json)['x-kubernetes-preserve-unknown-fields'] = true),
    patch: [add(`${P_SPEC}/properties/port/x-kubernetes-preserve-unknown-fields`, true)],
  },
  // validateNestedValueValidation and validateStructuralCompleteness
  'a type inside anyOf (not the IntOrString pattern)': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.port.anyOf[0].type`,
    mutate: (crd) => ((specProps(crd).port as Json).anyOf = [{ type: 'number' }, { type: 'string' }]),
  },
  'a default inside allOf': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.mode.allOf[0].default`,
    mutate: (crd) => ((specProps(crd).mode as Json).allOf = [{ default: 'manual' }]),
  },
  'a property named only in the root anyOf': {
    rule: 'values/crd-schema',
    field: `${SCHEMA}.properties.extra`,
    mutate: (crd) => {
      version0(crd).subresources = {};
      schemaOf(crd).anyOf = [{ properties: { extra: { minProperties: 1 } } }];
    },
  },
  'a lookahead in a pattern (Go regular expressions have none)': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.mode.pattern`,
    mutate: (crd) => ((specProps(crd).mode as Json).pattern = '^(?!admin).*$'),
    patch: [replace(`${P_SPEC}/properties/mode/pattern`, '^(?!admin).*$')],
  },
  // specStandardValidatorV3.validate and ValidateCustomResourceDefinitionOpenAPISchema
  'a type the API does not know': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.size.type`,
    mutate: (crd) => ((specProps(crd).size as Json).type = 'float'),
    patch: [replace(`${P_SPEC}/properties/size/type`, 'float')],
  },
  'type null': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.color.type`,
    mutate: (crd) => ((specProps(crd).color as Json).type = 'null'),
  },
  'a $ref': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.limits.$ref`,
    mutate: (crd) => ((specProps(crd).limits as Json).$ref = '#/definitions/limits'),
  },
  'items as a list of schemas': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.tags.items`,
    mutate: (crd) => ((specProps(crd).tags as Json).items = [{ type: 'string' }]),
  },
  'properties and additionalProperties together': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.limits.additionalProperties`,
    mutate: (crd) => ((specProps(crd).limits as Json).additionalProperties = { type: 'string' }),
    patch: [add(`${P_SPEC}/properties/limits/additionalProperties`, { type: 'string' })],
  },
  'uniqueItems: true': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.tags.uniqueItems`,
    mutate: (crd) => ((specProps(crd).tags as Json).uniqueItems = true),
  },
  'x-kubernetes-preserve-unknown-fields: false': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.extra.x-kubernetes-preserve-unknown-fields`,
    mutate: (crd) => ((specProps(crd).extra as Json)['x-kubernetes-preserve-unknown-fields'] = false),
  },
  'x-kubernetes-list-type on an object': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.labels.type`,
    mutate: (crd) => ((specProps(crd).labels as Json)['x-kubernetes-list-type'] = 'set'),
  },
  'an unknown x-kubernetes-list-type': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.tags.x-kubernetes-list-type`,
    mutate: (crd) => ((specProps(crd).tags as Json)['x-kubernetes-list-type'] = 'ordered'),
    patch: [replace(`${P_SPEC}/properties/tags/x-kubernetes-list-type`, 'ordered')],
  },
  'x-kubernetes-list-type map without keys': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.ports.x-kubernetes-list-map-keys`,
    mutate: (crd) => delete (specProps(crd).ports as Json)['x-kubernetes-list-map-keys'],
    patch: [remove(`${P_SPEC}/properties/ports/x-kubernetes-list-map-keys`)],
  },
  'a list map key that is not an item property': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.ports.x-kubernetes-list-map-keys`,
    mutate: (crd) => ((specProps(crd).ports as Json)['x-kubernetes-list-map-keys'] = ['id']),
  },
  'a list map key neither required nor defaulted (validateMapListKeysMapSet)': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.ports.items.properties.name.default`,
    mutate: (crd) =>
      delete at(crd, 'spec.versions.0.schema.openAPIV3Schema.properties.spec.properties.ports.items').required,
    patch: [remove(`${P_SPEC}/properties/ports/items/required`)],
  },
  'x-kubernetes-list-map-keys without x-kubernetes-list-type map': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.tags.x-kubernetes-list-type`,
    mutate: (crd) => ((specProps(crd).tags as Json)['x-kubernetes-list-map-keys'] = ['name']),
  },
  'an unknown x-kubernetes-map-type': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.labels.x-kubernetes-map-type`,
    mutate: (crd) => ((specProps(crd).labels as Json)['x-kubernetes-map-type'] = 'sometimes'),
  },
  'a default in the top-level metadata': {
    rule: 'values/crd-schema',
    field: `${SCHEMA}.properties.metadata.default`,
    mutate: (crd) => ((schemaOf(crd).properties as Json).metadata = { type: 'object', default: { name: 'w' } }),
    patch: [add(`${P_SCHEMA}/properties/metadata/default`, { name: 'w' })],
  },
  'an x-kubernetes-validations rule without its rule': {
    rule: 'values/crd-schema',
    field: `${SPEC}.x-kubernetes-validations[0].rule`,
    mutate: (crd) => (specOf(crd)['x-kubernetes-validations'] = [{ rule: ' ', message: 'never' }]),
  },
  // defaulting.ValidateDefaults
  'a default of the wrong type': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.size.default`,
    mutate: (crd) => ((specProps(crd).size as Json).default = 'one'),
    patch: [replace(`${P_SPEC}/properties/size/default`, 'one')],
  },
  'a default with a field the schema prunes': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.limits.default`,
    mutate: (crd) => ((specProps(crd).limits as Json).default = { cpu: '1', gpu: '1' }),
  },
  'a default outside its enum': {
    rule: 'values/crd-schema',
    field: `${SPEC}.properties.color.default`,
    mutate: (crd) => ((specProps(crd).color as Json).default = 'green'),
  },
};

/** The entry points a case goes through: how the bad CRD gets into the fixture app, and its construct path. */
export function entryPoints(c: CrdCase): [string, (f: FixtureApp) => void, string][] {
  const name = String(at(brokenCrd(c.mutate), 'metadata').name);
  const entries: [string, (f: FixtureApp) => void, string][] = [
    ['raw ApiObject', (f) => new ApiObject(f.chart, 'crd', brokenCrd(c.mutate) as never), 'shop/crd'],
    [
      'UpstreamManifests',
      (f) => new UpstreamManifests(f.chart, 'upstream', { text: stringify(brokenCrd(c.mutate)) }),
      `shop/upstream/CustomResourceDefinition-${name}`,
    ],
  ];
  if (c.patch)
    entries.push([
      'JSON patch',
      (f) => new ApiObject(f.chart, 'crd', widgetCrd() as never).addJsonPatch(...c.patch!),
      'shop/crd',
    ]);
  return entries;
}

/** Every case through every entry point: [name, case, add to the fixture app, construct path]. */
export const CRD_ROWS = Object.entries(CRD_CASES).flatMap(([name, c]) =>
  entryPoints(c).map(([entry, add, path]) => [`${name} (${entry})`, c, add, path] as const),
);
