// kubecraft import: typed classes from a local CRD file, which keep what the user wrote (unknown
// keys, values of the wrong type) for validation to report.
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { keepWhatUsersWrote } from '../../lib/cli/generated-bindings';
import { kubecraft, lib, project } from '../support/cli';

const certificateCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Certificate', plural: 'certificates', singular: 'certificate', listKind: 'CertificateList' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  dnsNames: { type: 'array', items: { type: 'string' } },
                  ca: { type: 'object', required: ['secretName'], properties: { secretName: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    ],
  },
};

const app = (spec: string) => `import * as path from 'path';
import { KubecraftApp, KubecraftChart, registerCrdsFromFile } from ${lib};
import { Certificate } from './imports/example.com';
registerCrdsFromFile(path.join(__dirname, 'crds.yaml'));
const app = new KubecraftApp({ printReport: false });
const chart = new KubecraftChart(app, 'certs', { namespace: 'default' });
new Certificate(chart, 'web', { metadata: { name: 'web' }, spec: ${spec} });
app.synth();
`;

describe('kubecraft import', () => {
  const dir = project({
    'crds.yaml': stringify(certificateCrd),
    'cdk8s.yaml': 'language: typescript\napp: node main.js\n',
  });
  beforeAll(() => {
    const r = kubecraft(['import', 'crds.yaml', '--output', 'imports'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^imported certificates\.example\.com$/m);
  }, 120_000);

  test('a typo in a field of a generated class: refused by the type-check, and by validation without it', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), app("{ dnsNamez: ['web.example.com'] }"));
    const typed = kubecraft(['synth'], dir);
    expect(typed.status).toBe(1);
    expect(typed.stderr).toMatch(
      /main\.ts\(7,\d+\): error TS2561: .*'dnsNamez' does not exist in type 'CertificateSpec'\. Did you mean to write 'dnsNames'\?/,
    );
    const untyped = kubecraft(['synth', '--no-typecheck'], dir);
    expect(untyped.status).toBe(1);
    expect(untyped.stderr).toMatch(/ERROR \[schema\/[a-z-]+\] Certificate default\/web[\s\S]*dnsNamez/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  }, 120_000);

  test('a value of the wrong type reaches validation as it is (not as a missing field inside it)', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), app('{ ca: 5 as never }'));
    const r = kubecraft(['synth'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ERROR \[schema\/[a-z-]+\] Certificate default\/web[\s\S]*spec\.ca[\s\S]*object/);
    expect(r.stderr).not.toContain("missing required field 'secretName'");
  }, 120_000);

  test('the rewrite is idempotent and leaves everything but the converters alone', () => {
    const generated = fs.readFileSync(path.join(dir, 'imports', 'example.com.ts'), 'utf8');
    expect(keepWhatUsersWrote(generated)).toBe(generated);
    expect(generated.match(/kubecraft: keys the type does not know/g)).toHaveLength(3); // Certificate props, spec, ca
    expect(generated).toContain('["dnsNames","ca"]');
  });
});
