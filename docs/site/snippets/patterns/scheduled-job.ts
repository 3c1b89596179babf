import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, ScheduledJob } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

new ScheduledJob(chart, 'nightly-report', {
  image: 'ghcr.io/acme/report:1.2.0',
  schedule: '0 3 * * MON-FRI', // checked when the construct is built
  timeZone: 'Europe/Berlin',
  startingDeadline: Duration.minutes(30),
  history: { successful: 3, failed: 5 },
});

app.synth();
