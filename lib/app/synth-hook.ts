import { ValidationReport } from '../validation/finding';

/**
 * How the kubecraft runner (`kubecraft synth`, `kubecraft validate`) observes the app it runs:
 * it installs a hook on `globalThis` before running the app, and `KubecraftApp.synth()`
 * reports to it. A global symbol, so that a second copy of the library (bundled into the app)
 * finds the runner's hook.
 */
export interface SynthHook {
  /** Validate and report only; write nothing. */
  readonly validateOnly: boolean;
  /** Receives each synthesized app's validation report (in validate-only mode, instead of writing). */
  report(report: ValidationReport): void;
  /** Called after an app wrote its output directory. */
  written(outdir: string, files: readonly string[]): void;
  /**
   * Write nothing: hand one output folder ('' for the charts outside environments), validated,
   * to `write` as one YAML stream (`kubecraft synth --stdout`).
   *
   * @default - the app writes its output directory
   */
  readonly stream?: { readonly folder: string; write(yaml: string): void };
  /**
   * Hold the write: the app hands over its write (validated and serialized, ready to replace the
   * output directory), and the runner calls it once the app's type-check has passed, or drops it.
   *
   * @default - the app writes at once
   */
  deferWrite?(write: () => void): void;
  /**
   * The app is synthesized again and again in this process (`kubecraft synth --watch`): reuse
   * what an earlier synth of the same content validated, serialized and wrote (see
   * `lib/app/incremental.ts`); the output is the same, byte for byte.
   *
   * @default false
   */
  readonly incremental?: boolean;
}

const SYNTH_HOOK = Symbol.for('kubecraft.synth-hook');

/** The runner's hook, when the app runs under `kubecraft synth` / `kubecraft validate`. */
export function currentSynthHook(): SynthHook | undefined {
  return (globalThis as { [SYNTH_HOOK]?: SynthHook })[SYNTH_HOOK];
}

/** Installs (or, with undefined, removes) the runner's hook. */
export function setSynthHook(hook: SynthHook | undefined): void {
  const g = globalThis as { [SYNTH_HOOK]?: SynthHook };
  if (hook) g[SYNTH_HOOK] = hook;
  else delete g[SYNTH_HOOK];
}
