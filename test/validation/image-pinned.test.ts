import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { Finding, validateChart, WebService } from '../../lib';
import { imagePinProblem } from '../../lib/values/image-reference';
import { chartIn } from '../patterns/support';
import { fixtureApp, patch } from './fixture-app';

const SHA256 = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** Images policy/image-pinned accepts: a digest, or a tag that names one release. */
const PINNED: ReadonlyArray<[string, string]> = [
  ['nginx:1.25.3', 'MAJOR.MINOR.PATCH'],
  ['kbudde/rabbitmq-exporter:v0.29.0', 'with a v'],
  ['postgres:16.1-bookworm', 'MAJOR.MINOR (PostgreSQL releases with two numbers) and a distro suffix'],
  ['redis:5.0.14-alpine', 'a variant suffix'],
  ['rabbitmq:3.6.8-management', 'a variant suffix'],
  ['registry.k8s.io/etcd:3.5.1-0', 'a build suffix'],
  ['eclipse-temurin:17.0.9_9-jdk', 'an _ build suffix'],
  ['tomcat:9.0.82', 'three numbers'],
  ['registry.k8s.io/e2e-test-images/agnhost:2.40', 'agnhost releases with two numbers'],
  ['busybox:1.36', 'MAJOR.MINOR'],
  ['registry.example.com:5000/tools/busybox:1.36.1', 'a registry port is not the tag'],
  ['ubuntu:jammy-20240111', 'a dated build'],
  ['minio/minio:RELEASE.2024-01-16T16-07-38Z', 'a dated release'],
  ['ghcr.io/acme/api:sha-3f9c2e1', 'a commit id'],
  ['ghcr.io/acme/api:3f9c2e1a', 'a commit id'],
  [`nginx@${SHA256}`, 'a digest'],
  [`nginx:1.25@${SHA256}`, 'a tag and a digest'],
  [`nginx:latest@${SHA256}`, 'the digest wins over a floating tag'],
  [`nginx@sha512:${'ab'.repeat(64)}`, 'a sha512 digest'],
];

/** Images it refuses, with the reason in the message. */
const FLOATING: ReadonlyArray<[string, string]> = [
  ['nginx', 'has no tag (pulls :latest)'],
  ['registry.example.com:5000/tools/busybox', 'has no tag (pulls :latest)'],
  ['nginx:latest', 'uses the :latest tag'],
  ['redis:alpine', "uses the floating tag 'alpine': a name, not a version"],
  ['nextcloud:apache', "uses the floating tag 'apache': a name, not a version"],
  ['debian:stable', "uses the floating tag 'stable': a name, not a version"],
  ['node:lts', "uses the floating tag 'lts': a name, not a version"],
  ['ubuntu:jammy', "uses the floating tag 'jammy': a name, not a version"],
  ['nginx:mainline-alpine', "uses the floating tag 'mainline-alpine': a name, not a version"],
  ['ghcr.io/acme/api:deadbeef', "uses the floating tag 'deadbeef': a name, not a version"],
  ['mariadb:10-focal', "uses the floating tag '10-focal': a major version only"],
  ['mariadb:10', "uses the floating tag '10': a major version only"],
  ['node:20-alpine', "uses the floating tag '20-alpine': a major version only"],
  [
    'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
    "uses the floating tag 'v5': a major version only",
  ],
  ['nginx:1.25.x', "uses the floating tag '1.25.x': a version range"],
  ['nginx:1.x', "uses the floating tag '1.x': a version range"],
  ['busybox:', 'has an empty tag'],
  ['nginx@sha256:abc', "has a malformed digest 'sha256:abc'"],
  [`nginx@sha256:${'AB'.repeat(32)}`, 'has a malformed digest'],
  [`nginx@md5:${'ab'.repeat(16)}`, 'has a malformed digest'],
];

/** Three ways an image reaches the manifests: a pattern prop, a raw ApiObject, a JSON patch. */
const ENTRY_POINTS: ReadonlyArray<[string, (image: string) => Finding[]]> = [
  [
    'WebService image prop',
    (image) => {
      const chart = chartIn();
      new WebService(chart, 'web', { image });
      return validateChart(chart).errors.filter((e) => e.rule === 'policy/image-pinned');
    },
  ],
  [
    'raw ApiObject Deployment',
    (image) => {
      const chart = chartIn();
      rawDeployment(chart, image);
      return validateChart(chart).errors.filter((e) => e.rule === 'policy/image-pinned');
    },
  ],
  [
    'JSON patch of a cdk8s-plus Deployment',
    (image) => {
      const f = fixtureApp();
      patch(f.web, JsonPatch.replace('/spec/template/spec/containers/0/image', image));
      return f.app.validate().errors.filter((e) => e.rule === 'policy/image-pinned');
    },
  ],
];

function rawDeployment(scope: Construct, image: string): ApiObject {
  return new ApiObject(scope, 'raw', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'raw' },
    spec: {
      selector: { matchLabels: { app: 'raw' } },
      template: { metadata: { labels: { app: 'raw' } }, spec: { containers: [{ name: 'app', image }] } },
    },
  });
}

describe('policy/image-pinned: what counts as pinned', () => {
  test.each(PINNED)('%p is pinned (%s)', (image) => expect(imagePinProblem(image)).toBeUndefined());
  test.each(FLOATING)('%p is floating: %s', (image, reason) => expect(imagePinProblem(image)).toContain(reason));
});

describe.each(ENTRY_POINTS)('policy/image-pinned through a %s', (_entry, findingsFor) => {
  test.each(PINNED.slice(0, 6).concat(PINNED.slice(-4)))('accepts %p (%s)', (image) =>
    expect(findingsFor(image)).toEqual([]),
  );
  test.each(FLOATING)('refuses %p: %s', (image, reason) => {
    const findings = findingsFor(image);
    expect(findings).toHaveLength(1);
    expect(findings[0].field).toBe('spec.template.spec.containers[0].image');
    expect(findings[0].message).toBe(`image '${image}' ${imagePinProblem(image)}`);
    expect(findings[0].message).toContain(reason);
    expect(findings[0].hint).toMatch(/pin a version tag \(MAJOR\.MINOR\.PATCH, e\.g\. .*:1\.2\.3\) or a digest/);
  });
});
