import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The ServiceAccount admission plugin: a pod whose `serviceAccountName` does not exist is refused at creation, so the workload exists but its controller never gets a pod created. kubecraft accepts a ServiceAccount the app creates, `default`, or one imported by name (`ServiceAccount.fromServiceAccountName`, or a pattern's `serviceAccount: { name, create: false }`).";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/serviceAccountName', 'shop-web'), // created by nobody
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    serviceAccount: { name: 'shop-web' }, // the pattern creates it
  });
}
// #endregion good
