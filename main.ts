// The example app: every scenario of the seed documents, one chart (one file in dist/) each,
// and the guestbook in three environments (dist/dev/, dist/staging/, dist/prod/).
// `npm run synth` (or `npx cdk8s synth`) runs this file; KUBECRAFT_ENV=prod selects one environment.
import { buildExampleApp } from './examples/example-app';
import { KubecraftApp } from './lib';

buildExampleApp(new KubecraftApp({ graph: true })).synth();
