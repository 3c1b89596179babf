import { IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, describeObject, KubernetesVersion, Manifest } from '../core';
import { ClusterDeclaration } from './declared-clusters';
import { ExternalObject } from './external';
import { FieldPath } from './field-path';
import { Finding } from './finding';
import { Policy, Relaxation } from './policy';
import { invalid, Problem, ruleOfProblem } from './problem';
import { RuleId, RULES } from './rules';
import { AppliesTo, appliesToKind, CheckInput } from './rules/rule';
import { upstreamOriginOf } from './upstream-origin';

/** Whether the object has a pod spec (one too malformed to read counts: its rules report it). */
function hasPodSpec(input: CheckInput): boolean {
  try {
    return input.pod !== undefined;
  } catch {
    return true;
  }
}

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
  private readonly inputs: Map<ObjectToValidate, CheckInput>;

  constructor(
    public readonly objects: readonly ObjectToValidate[],
    public readonly externals: readonly ExternalObject[],
    private readonly globalRelaxations: readonly Relaxation[] = [],
    /** The Kubernetes version the objects are validated for. */
    public readonly kubernetesVersion: KubernetesVersion = DEFAULT_KUBERNETES_VERSION,
    /** The clusters the app declares it delivers to, if it does. */
    public readonly clusters?: ClusterDeclaration,
    /** A context of the same run whose objects' check inputs (pod views, references) this one reuses. */
    inputsOf?: ValidationContext,
  ) {
    this.inputs = inputsOf?.inputs ?? new Map();
  }

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
   * Runs `check(this, obj)` and never lets it throw: validation reads user input of any shape,
   * and a check that trips over a malformed part reports it instead of crashing the synth. The
   * checks read shapes carefully (`asObject`/`asArray`/`asString`); this is the safety net.
   */
  public guard(
    obj: ObjectToValidate,
    what: string,
    check: (ctx: ValidationContext, obj: ObjectToValidate) => void,
  ): void {
    try {
      check(this, obj);
    } catch (err) {
      this.reportMalformed(obj, what, err);
    }
  }

  /**
   * Runs rule modules (`rules/policy/*`, `rules/refs/*`) over the objects, with `arg` (the index
   * of the unit, for `refs/*`): the objects are grouped by kind once, and each object is checked
   * by the rules of its group's kinds (worked out once per group), each problem reported under
   * its rule. An object on which a rule throws is reported malformed, as `guard` does, and the
   * rules after it skip it.
   */
  public runRules<A>(
    what: string,
    rules: readonly {
      readonly id: RuleId;
      readonly appliesTo: AppliesTo;
      readonly check: (input: CheckInput, arg: A) => readonly Problem[];
    }[],
    arg: A,
  ): void {
    const objects = this.objects;
    const inputs = objects.map((obj) => this.inputOf(obj));
    const groups = new Map<string, { kind: string; hasPods: boolean; members: number[] }>();
    inputs.forEach((input, i) => {
      const kind = input.manifest.kind;
      const hasPods = hasPodSpec(input);
      const key = `${hasPods}|${String(kind)}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { kind, hasPods, members: [] }));
      group.members.push(i);
    });
    for (const { kind, hasPods, members } of groups.values()) {
      const applicable = rules.filter((rule) => appliesToKind(rule.appliesTo, kind, hasPods));
      if (applicable.length === 0) continue;
      for (const i of members) {
        const input = inputs[i];
        try {
          for (const rule of applicable) {
            const problems = rule.check(input, arg);
            if (problems.length > 0) this.reportAll(objects[i], problems, rule.id);
          }
        } catch (err) {
          this.reportMalformed(objects[i], what, err);
        }
      }
    }
  }

  private reportMalformed(obj: ObjectToValidate, what: string, err: unknown): void {
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

  private relaxationsOf(obj: ObjectToValidate): Relaxation[] {
    let list = this.relaxations.get(obj);
    if (!list) {
      list = [...(obj.construct ? Policy.relaxationsOf(obj.construct) : []), ...this.globalRelaxations];
      this.relaxations.set(obj, list);
    }
    return list;
  }
}
