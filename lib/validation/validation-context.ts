import { IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, describeObject, KubernetesVersion, Manifest } from '../core';
import { ExternalObject } from './external';
import { Finding } from './finding';
import { Policy, Relaxation } from './policy';
import { RuleId, RULES } from './rules';

/** A synthesized object as validation sees it. */
export interface ObjectToValidate {
  /** The manifest. */
  readonly manifest: Manifest;
  /** Construct path of the object that produced it. */
  readonly path: string;
  /**
   * The construct that produced it, for relaxations.
   *
   * @default - no relaxations apply
   */
  readonly construct?: IConstruct;
}

/** Shared state of one validation run: the objects, the external declarations, the findings. */
export class ValidationContext {
  public readonly findings: Finding[] = [];
  private readonly relaxations = new Map<ObjectToValidate, Relaxation[]>();

  constructor(
    public readonly objects: readonly ObjectToValidate[],
    public readonly externals: readonly ExternalObject[],
    private readonly globalRelaxations: readonly Relaxation[] = [],
    /** The Kubernetes version the objects are validated for. */
    public readonly kubernetesVersion: KubernetesVersion = DEFAULT_KUBERNETES_VERSION,
  ) {}

  /** Records a finding of `rule` on `obj` at `field`. */
  public report(obj: ObjectToValidate, rule: RuleId, field: string, message: string, hint: string): void {
    const info = RULES[rule];
    const relaxedBy = info.relaxable ? this.relaxationsOf(obj).find((r) => r.rule === rule) : undefined;
    this.findings.push({
      rule,
      severity: info.severity,
      message,
      path: obj.path,
      object: describeObject(obj.manifest),
      field,
      hint,
      relaxedBy,
    });
  }

  /**
   * Runs `check` on `obj` and never lets it throw: validation reads user input of any shape,
   * and a check that trips over a malformed part reports it instead of crashing the synth. The
   * checks read shapes carefully (`asObject`/`asArray`/`asString`); this is the safety net.
   */
  public guard(obj: ObjectToValidate, what: string, check: () => void): void {
    try {
      check();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.report(
        obj,
        'schema/invalid',
        '',
        `the object is malformed where kubecraft's ${what} checks read it (${reason})`,
        'fix the types of the fields reported above, or see the API reference of the kind',
      );
    }
  }

  private relaxationsOf(obj: ObjectToValidate): Relaxation[] {
    let list = this.relaxations.get(obj);
    if (!list) {
      list = [...(obj.construct ? Policy.relaxationsOf(obj.construct) : []), ...this.globalRelaxations];
      this.relaxations.set(obj, list);
    }
    return list;
  }
}
