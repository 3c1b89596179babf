// Unknown props are refused at run time (an app bundled without a type-check would otherwise
// lose them silently), before anything else is checked; a known prop set to undefined means
// its default. The throw sites, with their props and hints, are in throw-sites.test.ts.
import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  BatchJob,
  ConstructError,
  NodeAgent,
  Probes,
  ScheduledJob,
  StatefulService,
  WebService,
  WebServiceProps,
  Worker,
} from '../../lib';
import { KnownProps } from '../../lib/core';
import { BATCH_JOB_PROPS } from '../../lib/patterns/batch-job';
import { NODE_AGENT_PROPS } from '../../lib/patterns/node-agent';
import { SCHEDULED_JOB_PROPS } from '../../lib/patterns/scheduled-job';
import { STATEFUL_SERVICE_PROPS } from '../../lib/patterns/stateful-service';
import { WEB_SERVICE_PROPS } from '../../lib/patterns/web-service-props';
import { WORKER_PROPS } from '../../lib/patterns/worker';
import { chartIn, valid } from './support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** Each pattern: its known props, its required props, and how to build it. */
const PATTERNS: readonly [string, KnownProps, object, (s: Construct, props: any) => unknown][] = [
  ['WebService', WEB_SERVICE_PROPS, { image: IMAGE }, (s, p) => new WebService(s, 'app', p)],
  [
    'StatefulService',
    STATEFUL_SERVICE_PROPS,
    { image: IMAGE, port: 6379, storage: Size.gibibytes(1), dataPath: '/data' },
    (s, p) => new StatefulService(s, 'app', p),
  ],
  [
    'Worker',
    WORKER_PROPS,
    { image: IMAGE, liveness: Probes.exec(['true']), readiness: Probes.exec(['true']) },
    (s, p) => new Worker(s, 'app', p),
  ],
  ['NodeAgent', NODE_AGENT_PROPS, { image: IMAGE, port: 9100 }, (s, p) => new NodeAgent(s, 'app', p)],
  ['BatchJob', BATCH_JOB_PROPS, { image: IMAGE }, (s, p) => new BatchJob(s, 'app', p)],
  ['ScheduledJob', SCHEDULED_JOB_PROPS, { image: IMAGE, schedule: '@daily' }, (s, p) => new ScheduledJob(s, 'app', p)],
];

describe('unknown props', () => {
  test("a misspelt prop is refused, not silently replaced by the default (the issue's example)", () => {
    const props = { image: 'x:1', replicaz: 3 } as WebServiceProps;
    expect(() => new WebService(chartIn(), 'web', props)).toThrow(
      new ConstructError('shop/web', "'replicaz' is not a prop of WebServiceProps", {
        prop: 'replicaz',
        hint: "did you mean 'replicas'?",
      }).message,
    );
  });

  test('they are refused before anything else is checked', () => {
    const props = { image: IMAGE, name: 'Not_A_Name', runAsRootReasn: 'the image needs root', user: 0 };
    expect(() => new WebService(chartIn(), 'web', props as WebServiceProps)).toThrow(
      /^shop\/web \(runAsRootReasn\): .*did you mean 'runAsRootReason'\?$/,
    );
  });

  test.each(PATTERNS)('%s: every known prop set to undefined renders the defaults', (_name, known, required, build) => {
    const omitted = chartIn();
    build(omitted, required);
    const undefinedProps = Object.fromEntries(known.names.map((n) => [n, undefined]));
    const explicit = chartIn();
    build(explicit, { ...undefinedProps, ...required });
    expect(valid(explicit)).toEqual(valid(omitted));
  });

  test.each(PATTERNS)('%s: an unknown prop is refused', (name, _known, required, build) => {
    expect(() => build(chartIn(), { ...required, colour: 'blue' })).toThrow(
      new RegExp(`^shop/app \\(colour\\): 'colour' is not a prop of ${name}Props\\. Fix: remove it`),
    );
  });
});
