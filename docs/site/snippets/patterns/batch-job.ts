import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BatchJob, KubecraftApp, KubecraftChart } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

new BatchJob(chart, 'migrate', {
  image: 'ghcr.io/acme/migrate:1.4.2',
  args: ['--to', 'latest'],
  backoffLimit: 2, // retried twice, then the Job fails
  activeDeadline: Duration.minutes(10),
  ttlAfterFinished: Duration.hours(1), // deleted an hour after it finished
});

app.synth();
