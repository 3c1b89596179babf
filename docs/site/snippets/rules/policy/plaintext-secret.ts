import * as kplus from 'cdk8s-plus-27';
import { ExistingSecret, KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "Kubernetes [good practices for Secrets](https://kubernetes.io/docs/concepts/security/secrets-good-practices/): Secret data is only base64-encoded, so values in manifests end up readable in git, CI logs and `dist/`. Create Secrets outside the manifests (your CI's secret store, External Secrets, Sealed Secrets) and reference them by name.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const credentials = new kplus.Secret(chart, 'db-credentials', {
    stringData: { password: 'correct-horse-battery-staple' },
  });
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: { DB_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }) },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const credentials = ExistingSecret.fromName(
    chart,
    'db-credentials',
    ['password'],
    'synced from Vault by external-secrets',
  );
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: { DB_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }) },
  });
}
// #endregion good
