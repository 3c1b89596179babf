import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The Ingress controller (ingress-nginx, Traefik, ...): a backend Service or port that does not exist routes to nothing, and clients get 503. The API server does not check it.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' }); // the Service is web, port 80
  new ApiObject(chart, 'web-ingress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: {
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web-frontend', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Ingress(chart, 'web-ingress', {
    rules: [
      {
        host: 'shop.example.com',
        path: '/',
        backend: kplus.IngressBackend.fromService(web.service, { port: web.servicePort }),
      },
    ],
  });
}
// #endregion good
