import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubecraftValidation } from '../../lib';

const root = path.resolve(__dirname, '..', '..');
const fixture = path.join(root, 'test', 'fixtures', 'plain-cdk8s-app');

function cdk8sSynth(broken: boolean) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-plugin-'));
  return spawnSync(path.join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '-o', outdir], {
    cwd: fixture,
    env: { ...process.env, FIXTURE_BROKEN: broken ? '1' : '0', CDK8S_CHECK_UPGRADE: 'false' },
    encoding: 'utf8',
  });
}

describe('the cdk8s CLI validation plugin, run by the real cdk8s CLI on a plain cdk8s app', () => {
  test('a valid app passes; the relaxation from cdk8s.yaml is counted', () => {
    const r = cdk8sSynth(false);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Status\s+│ success/);
    expect(r.stdout).toMatch(/relaxed\s+│ 1/);
  }, 30000);

  test('an invalid app fails with each violation, its construct path and field', () => {
    const r = cdk8sSynth(true);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/Status\s+│ failure/);
    expect(r.stdout).toContain('policy/image-pinned (1 occurrences)');
    expect(r.stdout).toContain('policy/probes (1 occurrences)');
    expect(r.stdout).toContain('Construct Path: plain/web/Resource');
    expect(r.stdout).toContain('> spec.template.spec.containers[0].image');
  }, 30000);
});

describe('KubecraftValidation properties', () => {
  test('rejects unknown rules and missing reasons', () => {
    expect(
      () => new KubecraftValidation({ relaxations: [{ rule: 'policy/nope', reason: 'a good reason here' }] }),
    ).toThrow(/unknown rule 'policy\/nope'/);
    expect(() => new KubecraftValidation({ relaxations: [{ rule: 'policy/probes', reason: '' }] })).toThrow(
      /needs a reason/,
    );
  });

  test('externals and failOnWarnings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-plugin-unit-'));
    const file = path.join(dir, 'a.k8s.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: monitoring',
        // a compliant Pod
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'monitoring' },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'main',
                image: 'busybox:1.36',
                env: [{ name: 'A', value: '1' }],
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                livenessProbe: { exec: { command: ['true'] } },
                readinessProbe: { exec: { command: ['true'] } },
              },
            ],
          },
        }),
        // and an object whose only finding is a warning: an apiVersion 1.31 deprecates (removed in 1.32)
        JSON.stringify({
          apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
          kind: 'FlowSchema',
          metadata: { name: 'acme' },
          spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 1000 },
        }),
      ].join('\n---\n'),
    );
    const run = async (plugin: KubecraftValidation) => {
      const violations: string[] = [];
      let status = '';
      await plugin.validate({
        manifests: [file],
        report: {
          addViolation: (v) => violations.push(v.ruleName),
          submit: (s) => {
            status = s;
          },
        },
      });
      return { violations, status };
    };
    const kubernetesVersion = '1.31';
    expect(await run(new KubecraftValidation({ kubernetesVersion }))).toEqual({
      violations: ['refs/namespace', 'refs/namespace'],
      status: 'failure',
    });
    const externals = [{ kind: 'Namespace', name: 'monitoring', reason: 'created by the platform team' }];
    expect(await run(new KubecraftValidation({ externals, kubernetesVersion }))).toEqual({
      violations: [],
      status: 'success',
    });
    expect(await run(new KubecraftValidation({ externals, kubernetesVersion, failOnWarnings: true }))).toEqual({
      violations: ['schema/deprecated-api'],
      status: 'failure',
    });
  });
});
