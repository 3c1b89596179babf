import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import fc from 'fast-check';
import { schemaValidatorFor } from '../../lib/validation/checks/schema-check';
import { appSpec, build, mutatedApp, WorkloadSpec } from './property-apps';

describe('property-based: random valid apps', () => {
  test('validate with zero findings, and every object matches its official schema', () => {
    fc.assert(
      fc.property(appSpec, (spec) => {
        const { app } = build(spec);
        const files = app.render();
        const report = app.validate(files);
        expect(report.findings).toEqual([]);
        for (const o of files.flatMap((f) => f.objects)) {
          const validate = schemaValidatorFor(o.manifest.apiVersion, o.manifest.kind)!;
          expect(validate(o.manifest)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('regression: a workload named like another construct of the app (fast-check seed -785873023)', () => {
    const w: WorkloadSpec = {
      name: 'ns',
      kind: 'Deployment',
      replicas: 0,
      port: 1024,
      probe: 'http',
      cpu: 10,
      memory: 16,
      withService: false,
      withConfig: false,
      withBudget: false,
      schedule: '*/5 * * * *',
      user: 1,
    };
    expect(build({ namespace: 'aa', workloads: [w, { ...w, name: 'aa' }] }).app.validate().findings).toEqual([]);
  });

  test('a random single mutation is always caught, with its rule and the mutated construct', () => {
    let caught = 0;
    fc.assert(
      fc.property(mutatedApp, ({ spec, target, mutation }) => {
        const built = build(spec);
        const w = built.workloads.get(target)!;
        fc.pre(mutation.applies(w.spec, w.service !== undefined));
        const construct = mutation.onService ? w.service! : w.construct;
        ApiObject.of(construct).addJsonPatch(...mutation.ops(w.spec));
        const report = built.app.validate();
        const hit = report.errors.find((e) => e.rule === mutation.rule && e.path === ApiObject.of(construct).node.path);
        if (!hit)
          throw new Error(
            `${mutation.name} on ${w.spec.kind} ${target} not caught as ${mutation.rule}; errors: ${report.errors.map((e) => `${e.rule}@${e.path}`).join(', ')}`,
          );
        caught++;
      }),
      { numRuns: 150 },
    );
    expect(caught).toBeGreaterThan(50);
  });
});

test('the property apps really synthesize to disk', () => {
  const spec = fc.sample(appSpec, { numRuns: 1, seed: 42 })[0];
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-prop-'));
  const { app } = build(spec);
  (app as unknown as { outdir: string }).outdir = outdir;
  app.synth();
  // the app's Namespace is in the setup phase (applied first), everything else in the chart file
  expect(fs.readdirSync(outdir)).toEqual(['Kustomization', 'random.k8s.yaml', 'setup']);
  expect(fs.readdirSync(path.join(outdir, 'setup'))).toEqual(['Kustomization', 'random.k8s.yaml']);
  expect(fs.readFileSync(path.join(outdir, 'setup', 'random.k8s.yaml'), 'utf8')).toMatch(/^kind: Namespace$/m);
  expect(fs.readFileSync(path.join(outdir, 'random.k8s.yaml'), 'utf8')).not.toMatch(/^kind: Namespace$/m);
});
