import { spawn } from 'child_process';
import { childEnvironment, runSetting } from '../core';

/**
 * How kubecraft runs kubectl: always the user's own kubectl, with their kubeconfig and context.
 * kubecraft has no Kubernetes client of its own.
 */
export interface KubectlOptions {
  /**
   * The kubectl command.
   *
   * @default $KUBECTL, else 'kubectl' from the PATH
   */
  readonly kubectl?: string;
  /**
   * The kubeconfig file (`kubectl --kubeconfig`).
   *
   * @default kubectl's own choice ($KUBECONFIG, else ~/.kube/config)
   */
  readonly kubeconfig?: string;
  /**
   * The kubeconfig context (`kubectl --context`).
   *
   * @default the kubeconfig's current context
   */
  readonly context?: string;
}

/** What one kubectl run gave. */
export interface KubectlResult {
  /** The exit code. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The command line, for messages: `kubectl apply --server-side ...`. */
  readonly command: string;
}

/**
 * A deployment step that failed: its message says what failed, where, and what was already done.
 * `exitCode` is 2 when kubectl or the cluster could not be used at all (nothing was attempted),
 * 1 when a phase failed.
 */
export class DeployError extends Error {
  public override readonly name = 'DeployError';
  constructor(
    message: string,
    public readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** The kubectl command of `options`. */
export function kubectlCommand(options: KubectlOptions): string {
  return options.kubectl ?? runSetting('kubectl') ?? 'kubectl';
}

/** The global flags that select the user's kubeconfig and context. */
export function kubectlGlobalFlags(options: KubectlOptions): string[] {
  return [
    ...(options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : []),
    ...(options.context ? ['--context', options.context] : []),
  ];
}

/**
 * Runs kubectl with `args` (after the kubeconfig and context flags) and resolves to its result,
 * whatever its exit code. A kubectl that cannot be started is a `DeployError` that says how to
 * get one. `input` is written to its stdin; `env` is added to this process's environment.
 */
export function runKubectl(
  args: readonly string[],
  options: KubectlOptions,
  extra: { readonly input?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<KubectlResult> {
  const kubectl = kubectlCommand(options);
  const all = [...kubectlGlobalFlags(options), ...args];
  const command = [kubectl, ...all].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, all, { env: childEnvironment(extra.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        new DeployError(
          err.code === 'ENOENT'
            ? `kubectl not found ('${kubectl}'): kubecraft deploys with your own kubectl, kubeconfig and context; ` +
                'install kubectl (https://kubernetes.io/docs/tasks/tools/), or name it with --kubectl or $KUBECTL'
            : `cannot run '${kubectl}': ${err.message}`,
          2,
        ),
      );
    });
    child.on('close', (status) => resolve({ status: status ?? 1, stdout, stderr, command }));
    child.stdin.on('error', () => undefined); // kubectl may exit before reading its input
    child.stdin.end(extra.input ?? '');
  });
}

/** The first line of kubectl's error output that says something, without its `error: ` prefix. */
export function kubectlErrorLine(r: KubectlResult): string {
  const lines = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(W|I)\d{4} /.test(l));
  const line = lines.find((l) => /^error:/i.test(l)) ?? lines[0] ?? `exit code ${r.status}`;
  return line.replace(/^error:\s*/i, '');
}

/**
 * Checks that kubectl runs and reaches the cluster of the selected context; resolves to the
 * context's name. Fails with one message naming the context and kubectl's own reason.
 */
export async function checkCluster(options: KubectlOptions, timeoutSeconds = 20): Promise<string> {
  const ctx = await runKubectl(['config', 'current-context'], options);
  const context = options.context ?? (ctx.status === 0 ? ctx.stdout.trim() : '');
  if (!options.context && ctx.status !== 0) {
    throw new DeployError(`kubectl has no current context: ${kubectlErrorLine(ctx)} (give one with --context)`, 2);
  }
  const r = await runKubectl(['api-versions', `--request-timeout=${timeoutSeconds}s`], options);
  if (r.status !== 0) {
    throw new DeployError(`cannot reach the cluster of context '${context}': ${kubectlErrorLine(r)}`, 2);
  }
  return context;
}
