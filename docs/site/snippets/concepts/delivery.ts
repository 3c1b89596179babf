// Delivery: the install phases as Argo CD sync waves, for an Argo CD Application of dist/.
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, WebService } from 'kubecraft';

// #region argocd
const app = new KubecraftApp({ argoCdSyncWaves: true });
// dist/setup/: argocd.argoproj.io/sync-wave: "-1" (applied first, and waited for)
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });
new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
app.synth();
// #endregion argocd
