import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { External } from '../validation/external';

/**
 * A Secret that is created outside the app (by `kubectl create secret`, an external-secrets
 * operator, sealed-secrets, CI), referenced by name and known keys, so that its values never
 * enter the manifests or git, and references to missing keys fail at synth.
 *
 * ```ts
 * const creds = ExistingSecret.fromName(chart, 'db-credentials', ['username', 'password'], 'synced from Vault by external-secrets');
 * kplus.EnvValue.fromSecretValue({ secret: creds, key: 'password' });
 * ```
 */
export class ExistingSecret {
  /** References the Secret `name` in the chart's namespace, holding `keys`. */
  public static fromName(
    scope: Construct,
    name: string,
    keys: readonly string[],
    reason = 'created outside the app; its values are not in the manifests',
  ): kplus.ISecret {
    if (keys.length === 0)
      throw new ConstructError(scope, `ExistingSecret '${name}': no keys`, {
        prop: 'keys',
        hint: 'list the keys the Secret holds',
      });
    inScope(scope, 'reason', () => External.secret(scope, name, reason, { keys }));
    return kplus.Secret.fromSecretName(scope, `existing-secret-${name}`, name);
  }

  private constructor() {}
}
