import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, ConstructError, knownProps } from '../../core';
import { GitOpsObject, GitOpsObjectProps } from '../gitops-object';
import { ArgoCdApplicationSpec, checkApplicationSpec, renderApplicationSpec } from './application-spec';
import { knownArgoCdObject } from './argo-cd-kinds';

/** The parameters of an ApplicationSet's Applications: where they come from. */
export abstract class ArgoCdGenerator {
  /**
   * One Application per element; each element's keys are template parameters
   * (the Go template field `.cluster` for an element's `cluster` key). At least one element.
   */
  public static list(elements: readonly Readonly<Record<string, string>>[]): ArgoCdGenerator {
    return new ListGenerator(elements);
  }

  /**
   * One Application per cluster registered in Argo CD whose cluster Secret has these labels
   * (Go template fields `.name`, `.nameNormalized`, `.server`, the Secret's labels under
   * `.metadata.labels`, and `values` under `.values`). When the app declares its `Clusters`, the labels must
   * select at least one of them (by their `labels`).
   */
  public static clusters(
    options: {
      readonly matchLabels?: Readonly<Record<string, string>>;
      readonly values?: Readonly<Record<string, string>>;
    } = {},
  ): ArgoCdGenerator {
    return new ClusterGenerator(options.matchLabels ?? {}, options.values ?? {});
  }

  /** @internal */
  public abstract _render(): Record<string, unknown>;
}

class ListGenerator extends ArgoCdGenerator {
  constructor(private readonly elements: readonly Readonly<Record<string, string>>[]) {
    super();
  }

  public _render(): Record<string, unknown> {
    return { list: { elements: this.elements.map((e) => ({ ...e })) } };
  }
}

class ClusterGenerator extends ArgoCdGenerator {
  constructor(
    private readonly matchLabels: Readonly<Record<string, string>>,
    private readonly values: Readonly<Record<string, string>>,
  ) {
    super();
  }

  public _render(): Record<string, unknown> {
    return {
      clusters: {
        ...(Object.keys(this.matchLabels).length > 0 ? { selector: { matchLabels: { ...this.matchLabels } } } : {}),
        ...(Object.keys(this.values).length > 0 ? { values: { ...this.values } } : {}),
      },
    };
  }
}

/** The Application an ApplicationSet stamps out per parameter set; its strings may hold Go template actions on the parameters. */
export interface ArgoCdApplicationTemplate {
  /** The name of each Application, e.g. `shop-` followed by the template action of the `.cluster` field. */
  readonly name: string;
  /**
   * Labels of each Application.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** What each Application syncs, and where. */
  readonly spec: ArgoCdApplicationSpec;
}

/** Properties of `ArgoCdApplicationSet`. */
export interface ArgoCdApplicationSetProps extends GitOpsObjectProps {
  /** Where the parameters come from. At least one generator. */
  readonly generators: readonly ArgoCdGenerator[];
  /** The Application template. */
  readonly template: ArgoCdApplicationTemplate;
  /**
   * Keep the Applications' objects in their clusters when the ApplicationSet is deleted.
   *
   * @default true (deleting the delivery does not delete the app)
   */
  readonly preserveResourcesOnDeletion?: boolean;
}

const APPLICATION_SET_PROPS = knownProps<ArgoCdApplicationSetProps>('ArgoCdApplicationSetProps')([
  'metadata',
  'generators',
  'template',
  'preserveResourcesOnDeletion',
]);
const TEMPLATE = knownProps<ArgoCdApplicationTemplate>('ArgoCdApplicationTemplate')(['name', 'labels', 'spec']);

/**
 * An Argo CD `ApplicationSet` (`argoproj.io/v1alpha1`): one Application per parameter set of
 * its generators (a list, or the clusters registered in Argo CD), with Go templates
 * (`goTemplate: true`, `missingkey=error`, so a misspelt parameter fails instead of rendering
 * empty). At synth, a generator that yields no cluster is an error (`refs/argocd-generator`), and
 * so is a destination that is not a declared cluster (`refs/argocd-destination`); the rules judge
 * raw and included ApplicationSets too.
 *
 * Argo CD's ApplicationSet CRD is not vendored (see `crds/gitops/README.md`): the object's fields
 * are checked by the typed props.
 */
export class ArgoCdApplicationSet extends GitOpsObject {
  /** The API version. */
  public static readonly API_VERSION = 'argoproj.io/v1alpha1';
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationSetProps) {
    super(scope, id);
    checkKnownProps(this, props, APPLICATION_SET_PROPS);
    checkKnownProps(this, props.template, TEMPLATE, 'template');
    checkApplicationSpec(this, props.template.spec, 'template.spec');
    if (!Array.isArray(props.generators) || props.generators.length === 0) {
      throw new ConstructError(this, 'no generators given: the ApplicationSet would generate no Application', {
        prop: 'generators',
        hint: 'give ArgoCdGenerator.list([...]) with an element per cluster, or ArgoCdGenerator.clusters({ matchLabels })',
      });
    }
    const t = props.template;
    this.apiObject = knownArgoCdObject(
      new ApiObject(this, 'Resource', {
        apiVersion: ArgoCdApplicationSet.API_VERSION,
        kind: 'ApplicationSet',
        metadata: props.metadata,
        spec: {
          goTemplate: true,
          goTemplateOptions: ['missingkey=error'],
          generators: props.generators.map((g) => g._render()),
          template: {
            metadata: { name: t.name, ...(t.labels ? { labels: { ...t.labels } } : {}) },
            spec: renderApplicationSpec(t.spec),
          },
          syncPolicy: { preserveResourcesOnDeletion: props.preserveResourcesOnDeletion ?? true },
        },
      }),
    );
  }
}
