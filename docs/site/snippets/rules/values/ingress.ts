import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's Ingress validation (`validateIngressRules` and `validateHTTPIngressPath` in kubernetes/kubernetes `pkg/apis/networking/validation`): hosts are lowercase DNS names or `*.` wildcards, never IP addresses; Exact and Prefix paths are absolute and free of `//`, `/./`, `/../` and `%2f`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Ingress(chart, 'web-ingress', {
    rules: [
      { host: 'Shop.Example.com', path: '/', backend: kplus.IngressBackend.fromService(web.service, { port: 80 }) },
    ],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Ingress(chart, 'web-ingress', {
    rules: [
      { host: 'shop.example.com', path: '/', backend: kplus.IngressBackend.fromService(web.service, { port: 80 }) },
    ],
  });
}
// #endregion good
