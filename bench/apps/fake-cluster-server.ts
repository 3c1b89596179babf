// The tests' fake API server as a process of its own, for `npm run bench -- --suite apply`:
// prints {"kubeconfig", "cacheDir"} as one JSON line, then serves until it is killed.
import { startFakeCluster } from '../../test/support/fake-cluster';

void startFakeCluster().then((cluster) => {
  process.stdout.write(`${JSON.stringify({ kubeconfig: cluster.kubeconfig, cacheDir: cluster.cacheDir })}\n`);
  const stop = () => void cluster.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
