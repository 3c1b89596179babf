import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { customResourceScopes, KubernetesVersion } from '../core';
import { External, importedObjectsIn } from './external';
import { ValidationReport } from './finding';
import { registeredCustomResourceDefinitions } from './schema/store';
import { DeploymentUnit, ValidateOptions } from './validate';
import { detachedFromConstruct } from './validation-context';
import type { ValidationRequest, ValidationResponse } from './validation-thread-worker';

/** The environment variable that turns the validation thread off (`0`): everything is validated in the synth's own thread. */
export const VALIDATION_THREAD_VARIABLE = 'KUBECRAFT_VALIDATION_THREAD';

/** Slots of the shared state: the worker's readiness, and how many responses it has posted. */
const READY = 0;
const RESPONSES = 1;
/** How long a synth waits for the thread before validating in its own thread instead. */
const TIMEOUT_MS = 120_000;

const SHARED = new Map<KubernetesVersion, ValidationThread>();

/**
 * A worker thread that validates while the synth's own thread does something else (on a second
 * core): it loads the validation code and the schemas of the target Kubernetes version while the
 * app is built and rendered, then runs the one validation entry point, `validate`, on the
 * rendered objects while the synth serializes them. The report is the same as in-process
 * validation's: the same function on the same objects (their relaxations and the app's external
 * declarations resolved from the construct tree first, the CRDs and custom scopes registered in
 * this process handed over).
 *
 * Only where it pays: `KubecraftApp` uses it under `kubecraft synth` (not in unit tests, not for
 * `kubecraft validate`), when kubecraft runs compiled (the installed package), once it is ready; otherwise, and on any failure to hand the work over, the caller
 * validates in its own thread. `KUBECRAFT_VALIDATION_THREAD=0` turns it off.
 */
export class ValidationThread {
  /**
   * The process's thread for `version`, started on first use: kept across synths (in
   * `kubecraft synth --watch`, each run finds it loaded and warm). Undefined where there is none.
   */
  public static shared(version: KubernetesVersion): ValidationThread | undefined {
    const running = SHARED.get(version);
    if (running && !running.failed) return running;
    const started = ValidationThread.start(version);
    if (started) SHARED.set(version, started);
    return started;
  }

  /**
   * Starts the thread for `version`, or returns undefined where there is none to start.
   * `entry` is the worker's compiled file (by default the one next to this file).
   */
  public static start(
    version: KubernetesVersion,
    entry = path.join(__dirname, 'validation-thread-worker.js'),
  ): ValidationThread | undefined {
    if (process.env[VALIDATION_THREAD_VARIABLE] === '0') return undefined;
    // compiled only: from TypeScript sources (tests, bundled apps) there is no worker file to run
    if (!fs.existsSync(entry)) return undefined;
    try {
      return new ValidationThread(entry, version);
    } catch {
      return undefined;
    }
  }

  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private failed = false;
  private requests = 0;

  private constructor(entry: string, version: KubernetesVersion) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(entry, {
      workerData: { version, state: this.state, port: port2 },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    this.worker.on('error', () => (this.failed = true));
    this.worker.on('exit', () => (this.failed = true));
    this.worker.unref(); // never keeps the process alive
    this.port.unref();
  }

  /** Whether the thread has loaded and can take work now. */
  public get ready(): boolean {
    return !this.failed && Atomics.load(this.state, READY) === 1;
  }

  /**
   * Hands `units` to the thread and returns a function that waits for the report; returns
   * undefined (validate in this thread) when the thread is not ready or the objects cannot be
   * handed over. The function itself returns undefined if the thread fails.
   */
  public begin(
    units: readonly DeploymentUnit[],
    options: ValidateOptions = {},
  ): (() => ValidationReport | undefined) | undefined {
    if (!this.ready) return undefined;
    const externals = [...(options.externals ?? [])];
    if (options.root) externals.push(...External.declaredIn(options.root), ...importedObjectsIn(options.root));
    const request: ValidationRequest = {
      units: units.map((u) => ({
        folder: u.folder,
        objects: u.objects.map(detachedFromConstruct),
      })),
      externals,
      relaxations: options.relaxations ?? [],
      kubernetesVersion: options.kubernetesVersion,
      crds: registeredCustomResourceDefinitions(),
      scopes: customResourceScopes(),
    };
    const expected = ++this.requests;
    try {
      this.port.postMessage({ id: expected, ...request });
    } catch {
      return undefined; // something that cannot be cloned: validate here
    }
    return () => {
      const deadline = Date.now() + TIMEOUT_MS;
      while (Atomics.load(this.state, RESPONSES) < expected) {
        if (Date.now() > deadline) {
          this.failed = true;
          return undefined;
        }
        Atomics.wait(this.state, RESPONSES, expected - 1, 1000);
      }
      // responses to requests whose report nobody waited for come first: skip them
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const response = m.message as ValidationResponse;
        if (response.id === expected) return 'report' in response ? response.report : undefined;
      }
      return undefined;
    };
  }

  /** Stops the thread. */
  public terminate(): void {
    this.failed = true;
    void this.worker.terminate();
  }
}
