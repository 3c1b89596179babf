import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { pathSegmentProblems } from '../values/api-names';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../values/dns-name';
import { claimDefault, domainPrefixedPathProblems, ImportedClass } from './class-support';

/** The annotation that marks the cluster's default IngressClass. */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The longest controller name the API server accepts. */
const MAX_CONTROLLER_LENGTH = 250;

/**
 * The object holding a controller's configuration for the class (e.g. an `IngressParameters`
 * custom resource of the controller).
 */
export interface IngressClassParameters {
  /** The kind of the object, e.g. `IngressParameters`. */
  readonly kind: string;
  /** The name of the object. */
  readonly name: string;
  /**
   * The API group of the object, e.g. `k8s.example.com`.
   *
   * @default - the core API group
   */
  readonly apiGroup?: string;
  /**
   * The namespace of a namespaced object (scope `Namespace`).
   *
   * @default - a cluster-scoped object (scope `Cluster`)
   */
  readonly namespace?: string;
}

/** An IngressClass, created by the app or imported by name (`IngressClass.fromIngressClassName`). */
export interface IIngressClass extends kplus.IResource {
  /** The REST resource name, `ingressclasses`. */
  readonly resourceType: 'ingressclasses';
}

/**
 * Properties for `IngressClass`.
 */
export interface IngressClassProps extends kplus.ResourceProps {
  /**
   * The controller that implements the class, as a domain-prefixed path: `k8s.io/ingress-nginx`,
   * `ingress.k8s.aws/alb`, `traefik.io/ingress-controller`.
   */
  readonly controller: string;

  /**
   * Make it the cluster's default IngressClass (annotation
   * `ingressclass.kubernetes.io/is-default-class: "true"`), given to Ingresses that name none.
   *
   * @default false
   */
  readonly isDefault?: boolean;

  /**
   * The object with the controller's configuration for this class.
   *
   * @default - none
   */
  readonly parameters?: IngressClassParameters;
}

/**
 * An IngressClass: which controller implements the Ingresses that name it
 * (`ingressClassName`).
 *
 * The constructor applies the API server's checks (`ValidateIngressClass`): the controller is a
 * domain-prefixed path of at most 250 characters; the parameters name a kind and an object
 * (path segments), an API group that is a DNS subdomain and, for namespaced parameters, a valid
 * namespace.
 *
 * ```ts
 * const nginx = new IngressClass(chart, 'nginx', { controller: 'k8s.io/ingress-nginx', isDefault: true });
 * new kplus.Ingress(chart, 'web', { className: nginx.name, rules: [...] });
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
 */
export class IngressClass extends kplus.Resource implements IIngressClass {
  /** An IngressClass that exists in the cluster (installed with its controller). */
  public static fromIngressClassName(scope: Construct, id: string, name: string): IIngressClass {
    return new ImportedIngressClass(scope, id, name);
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'ingressclasses';
  /** The controller. */
  public readonly controller: string;
  /** Whether this is the cluster's default IngressClass. */
  public readonly isDefault: boolean;

  constructor(scope: Construct, id: string, props: IngressClassProps) {
    super(scope, id);
    if (props.controller.length > MAX_CONTROLLER_LENGTH)
      throw new ConstructError(
        this,
        `must be at most ${MAX_CONTROLLER_LENGTH} characters (is ${props.controller.length})`,
        { prop: 'controller' },
      );
    assertValid(this, 'controller', props.controller, domainPrefixedPathProblems(props.controller));
    const parameters = props.parameters ? toParameters(this, props.parameters) : undefined;
    this.controller = props.controller;
    this.isDefault = props.isDefault ?? false;
    if (this.isDefault) claimDefault(this, 'IngressClass', 'isDefault');
    this.apiObject = new kplus.k8s.KubeIngressClass(this, 'Resource', {
      metadata: props.metadata,
      spec: { controller: props.controller, parameters },
    });
    if (this.isDefault) this.apiObject.metadata.addAnnotation(DEFAULT_INGRESS_CLASS_ANNOTATION, 'true');
  }
}

class ImportedIngressClass extends ImportedClass implements IIngressClass {
  public readonly resourceType = 'ingressclasses';

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass' }, name);
  }
}

/** The parameters reference as `validateIngressClassParametersReference` checks it. */
function toParameters(scope: IConstruct, p: IngressClassParameters): kplus.k8s.IngressClassParametersReference {
  if (p.apiGroup !== undefined) {
    const problems =
      p.apiGroup === ''
        ? ['must not be empty (leave it unset for the core group)']
        : dns1123SubdomainProblems(p.apiGroup);
    assertValid(scope, 'parameters.apiGroup', p.apiGroup, problems);
  }
  for (const field of ['kind', 'name'] as const) {
    const value = p[field];
    const problems = value.length === 0 ? ['must not be empty'] : pathSegmentProblems(value);
    assertValid(scope, `parameters.${field}`, value, problems);
  }
  if (p.namespace !== undefined)
    assertValid(scope, 'parameters.namespace', p.namespace, dns1123LabelProblems(p.namespace));
  return {
    apiGroup: p.apiGroup,
    kind: p.kind,
    name: p.name,
    namespace: p.namespace,
    scope: p.namespace !== undefined ? 'Namespace' : 'Cluster',
  };
}
