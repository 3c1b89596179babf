import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `ValidateEnv` (kubernetes/kubernetes `pkg/apis/core/validation`): before 1.32, `IsEnvVarName` (letters, digits, '_', '-' or '.', not starting with a digit); from 1.32, where the RelaxedEnvironmentVariableValidation feature is on by default, any printable ASCII character but '='.";

/** The rule changes with the version: the app targets 1.31. */
export const kubernetesVersion = '1.31';

// #region bad
export function bad(chart: KubecraftChart): void {
  // the app targets Kubernetes 1.31: new KubecraftApp({ kubernetesVersion: '1.31' })
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: { '2FA_ISSUER': 'shop.example.com' }, // starts with a digit
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: { TWO_FACTOR_ISSUER: 'shop.example.com' },
  });
}
// #endregion good
