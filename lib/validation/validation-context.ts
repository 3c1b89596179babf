import { IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, describeObject, KubernetesVersion, Manifest } from '../core';
import { ExternalObject } from './external';
import { FieldPath } from './field-path';
import { Finding } from './finding';
import { Policy, Relaxation } from './policy';
import { invalid, Problem, ruleOfProblem } from './problem';
import { RuleId, RULES } from './rules';
import { CheckInput } from './rules/rule';
import { upstreamOriginOf } from './upstream-origin';

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

/** A problem resolved to its rule, with its field written out: what a check reported on one object. */
export interface Reported {
  /** The rule. */
  readonly rule: RuleId;
  /** The field path, as findings show it. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/** Shared state of one validation run: the objects, the external declarations, the findings. */
export class ValidationContext {
  public readonly findings: Finding[] = [];
  private readonly relaxations = new Map<ObjectToValidate, Relaxation[]>();
  private readonly inputs = new Map<ObjectToValidate, CheckInput>();

  constructor(
    public readonly objects: readonly ObjectToValidate[],
    public readonly externals: readonly ExternalObject[],
    private readonly globalRelaxations: readonly Relaxation[] = [],
    /** The Kubernetes version the objects are validated for. */
    public readonly kubernetesVersion: KubernetesVersion = DEFAULT_KUBERNETES_VERSION,
  ) {}

  /**
   * What the rule checks of `obj` read (its manifest, the target version, its upstream origin,
   * its pod spec read once), shared by the reference and policy checks of this run.
   */
  public inputOf(obj: ObjectToValidate): CheckInput {
    let input = this.inputs.get(obj);
    if (!input) {
      input = new CheckInput(obj.manifest, this.kubernetesVersion, () => upstreamOriginOf(obj.construct));
      this.inputs.set(obj, input);
    }
    return input;
  }

  /**
   * Records the findings of `problems` on `obj`: each under its own rule, else under `owner`
   * (the rule module that found it), else under the default rule of its kind. The context adds
   * the object, its construct path and any relaxation.
   */
  public reportAll(obj: ObjectToValidate, problems: readonly Problem[], owner?: RuleId): void {
    for (const p of problems)
      this.add(obj, { rule: ruleOfProblem(p, owner), field: p.field.toString(), message: p.message, hint: p.hint });
  }

  /**
   * Records one problem resolved to its rule as a finding on `obj` (what `reportAll` does for
   * each problem; `validateIncrementally` replays remembered results through it).
   *
   * @internal
   */
  public add(obj: ObjectToValidate, reported: Reported): void {
    const { rule, field, message, hint } = reported;
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
      this.reportAll(obj, [
        invalid(
          FieldPath.root(''),
          `the object is malformed where kubecraft's ${what} checks read it (${reason})`,
          'fix the types of the fields reported above, or see the API reference of the kind',
          'schema/invalid',
        ),
      ]);
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
