// The example app: every scenario of the seed documents, one chart (one file in dist/) each.
// `npm run synth` (or `npx cdk8s synth`) runs this file.
import { buildExampleApp } from './examples/example-app';
import { KubecraftApp } from './lib';

buildExampleApp(new KubecraftApp()).synth();
