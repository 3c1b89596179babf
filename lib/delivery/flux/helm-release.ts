import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, ConstructError, knownProps } from '../../core';
import { assertValid } from '../../values/assert-valid';
import { dns1123LabelProblems } from '../../values/dns-name';
import { GitOpsObject, GitOpsObjectProps } from '../gitops-object';
import { goDuration } from '../go-duration';

/** The kinds of sources a HelmRelease's chart template reads a chart from (`chart.spec.sourceRef.kind`). */
export enum FluxChartSourceKind {
  /** A Helm repository (`HelmRepository`, HTTP or OCI). */
  HELM_REPOSITORY = 'HelmRepository',
  /** A git repository holding the chart. */
  GIT_REPOSITORY = 'GitRepository',
  /** A bucket holding the chart. */
  BUCKET = 'Bucket',
}

/** The kinds a HelmRelease's `chartRef` names (a chart packaged as an OCI artifact, or a HelmChart). */
export enum FluxChartRefKind {
  /** An `OCIRepository` of a chart published to an OCI registry. */
  OCI_REPOSITORY = 'OCIRepository',
  /** A `HelmChart` object. */
  HELM_CHART = 'HelmChart',
}

/** A chart from a Helm repository, git repository or bucket (Flux's `HelmChartTemplateSpec`). */
export interface FluxHelmChart {
  /** The chart's name in the repository (or its path in a git repository or bucket). */
  readonly chart: string;
  /**
   * A semver version or range (for Helm repositories).
   *
   * @default '*' (the latest)
   */
  readonly version?: string;
  /** The kind of the source. */
  readonly sourceKind: FluxChartSourceKind;
  /** The source's name. */
  readonly sourceName: string;
  /**
   * The source's namespace.
   *
   * @default - the HelmRelease's namespace
   */
  readonly sourceNamespace?: string;
}

/** A chart given by an existing object (Flux's `chartRef`). */
export interface FluxChartReference {
  /** The object's kind. */
  readonly kind: FluxChartRefKind;
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default - the HelmRelease's namespace
   */
  readonly namespace?: string;
}

/** Values read from a ConfigMap or Secret (Flux's `ValuesReference`). */
export interface FluxValuesReference {
  /** `ConfigMap` or `Secret`. */
  readonly kind: 'ConfigMap' | 'Secret';
  /** Its name. */
  readonly name: string;
  /**
   * The key holding the values.
   *
   * @default 'values.yaml'
   */
  readonly valuesKey?: string;
}

/** Properties of `FluxHelmRelease`. Give `chart` or `chartRef`, not both. */
export interface FluxHelmReleaseProps extends GitOpsObjectProps {
  /**
   * The chart, from a Helm repository, git repository or bucket.
   *
   * @default - `chartRef` gives it
   */
  readonly chart?: FluxHelmChart;
  /**
   * The chart, as an OCIRepository or HelmChart object.
   *
   * @default - `chart` gives it
   */
  readonly chartRef?: FluxChartReference;
  /**
   * How often Flux reconciles the release.
   *
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
  /**
   * The Helm release name (at most 53 characters).
   *
   * @default - Flux's: `[<targetNamespace>-]<name>`
   */
  readonly releaseName?: string;
  /**
   * The namespace the release installs into.
   *
   * @default - the HelmRelease's namespace
   */
  readonly targetNamespace?: string;
  /**
   * Values, as `helm install --values`.
   *
   * @default - the chart's defaults
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Values from ConfigMaps and Secrets, merged in order before `values`.
   *
   * @default - none
   */
  readonly valuesFrom?: readonly FluxValuesReference[];
  /**
   * How long a Helm action may take.
   *
   * @default - Flux's (5 minutes)
   */
  readonly timeout?: Duration;
}

const HELM_RELEASE_PROPS = knownProps<FluxHelmReleaseProps>('FluxHelmReleaseProps')([
  'metadata',
  'chart',
  'chartRef',
  'interval',
  'releaseName',
  'targetNamespace',
  'values',
  'valuesFrom',
  'timeout',
]);
const HELM_CHART = knownProps<FluxHelmChart>('FluxHelmChart')([
  'chart',
  'version',
  'sourceKind',
  'sourceName',
  'sourceNamespace',
]);

/**
 * A Flux `HelmRelease` (`helm.toolkit.fluxcd.io/v2`): a Helm chart the app consumes, installed
 * and upgraded by Flux in the cluster (where `HelmChart` renders a chart at synth instead).
 * Validated against Flux's own CRD.
 */
export class FluxHelmRelease extends GitOpsObject {
  /** The API version. */
  public static readonly API_VERSION = 'helm.toolkit.fluxcd.io/v2';
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FluxHelmReleaseProps) {
    super(scope, id);
    checkKnownProps(this, props, HELM_RELEASE_PROPS);
    // HelmReleaseSpec: +kubebuilder:validation:XValidation "exactly one of chart or chartRef must be set"
    if ((props.chart === undefined) === (props.chartRef === undefined)) {
      throw new ConstructError(
        this,
        `give exactly one of chart and chartRef (got ${props.chart ? 'both' : 'neither'})`,
        {
          prop: props.chart ? 'chartRef' : 'chart',
          hint: 'chart for a Helm repository, git repository or bucket; chartRef for an OCIRepository or HelmChart',
        },
      );
    }
    if (props.chart) checkKnownProps(this, props.chart, HELM_CHART, 'chart');
    if (props.releaseName !== undefined) {
      assertValid(
        this,
        'releaseName',
        props.releaseName,
        props.releaseName.length > 53 ? ['must be at most 53 characters (Helm stores it in a label)'] : [],
      );
    }
    if (props.targetNamespace !== undefined) {
      assertValid(this, 'targetNamespace', props.targetNamespace, dns1123LabelProblems(props.targetNamespace));
    }
    const c = props.chart;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: FluxHelmRelease.API_VERSION,
      kind: 'HelmRelease',
      metadata: props.metadata,
      spec: {
        ...(c
          ? {
              chart: {
                spec: {
                  chart: c.chart,
                  ...(c.version !== undefined ? { version: c.version } : {}),
                  sourceRef: {
                    kind: c.sourceKind,
                    name: c.sourceName,
                    ...(c.sourceNamespace !== undefined ? { namespace: c.sourceNamespace } : {}),
                  },
                },
              },
            }
          : {}),
        ...(props.chartRef ? { chartRef: { ...props.chartRef } } : {}),
        interval: goDuration(props.interval ?? Duration.minutes(10)),
        ...(props.releaseName !== undefined ? { releaseName: props.releaseName } : {}),
        ...(props.targetNamespace !== undefined ? { targetNamespace: props.targetNamespace } : {}),
        ...(props.timeout !== undefined ? { timeout: goDuration(props.timeout) } : {}),
        ...(props.valuesFrom?.length ? { valuesFrom: props.valuesFrom.map((v) => ({ ...v })) } : {}),
        ...(props.values !== undefined ? { values: props.values } : {}),
      },
    });
  }
}
