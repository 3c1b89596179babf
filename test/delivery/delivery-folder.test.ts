// Delivery folders are output folders like environments: `kubecraft synth --env a,b`
// ($KUBECRAFT_ENV) selects them by name.
import { ArgoCdDelivery, FluxDelivery, FluxDeliverySource } from '../../lib';
import { RUN_VARIABLES } from '../../lib/core';
import { fleetApp } from './fleet';

const folders = (selection: string | undefined, argo = false) => {
  const before = process.env[RUN_VARIABLES.environments];
  if (selection === undefined) delete process.env[RUN_VARIABLES.environments];
  else process.env[RUN_VARIABLES.environments] = selection;
  try {
    const app = fleetApp();
    new FluxDelivery(app, 'shop', {
      source: FluxDeliverySource.git({ url: 'https://github.com/acme/shop.git', ref: { branch: 'main' } }),
    });
    if (argo) new ArgoCdDelivery(app, 'shop-argocd', { appName: 'shop', repoURL: 'https://github.com/acme/shop.git' });
    return [...new Set(app.render().map((f) => f.folder))].sort();
  } finally {
    if (before === undefined) delete process.env[RUN_VARIABLES.environments];
    else process.env[RUN_VARIABLES.environments] = before;
  }
};

describe('selecting output folders', () => {
  test('no selection: every environment and every delivery folder', () => {
    expect(folders(undefined, true)).toEqual([
      'argocd',
      'dev',
      'flux-dev',
      'flux-prod-eu',
      'flux-prod-us',
      'flux-staging',
      'prod',
      'staging',
    ]);
  });

  test('--env prod: only prod (delivery folders are not written)', () => {
    expect(folders('prod')).toEqual(['prod']);
  });

  test("--env flux-prod-eu: only that cluster's folder", () => {
    expect(folders('flux-prod-eu')).toEqual(['flux-prod-eu']);
  });

  test('--env argocd alone is refused: its AppProject needs every environment', () => {
    expect(() => folders('argocd', true)).toThrow(
      /dist\/argocd\/ is written without environments dev, staging, prod, whose cluster-scoped kinds its AppProject allows\. Fix: synthesize argocd with every environment \(--env argocd,dev,staging,prod, or no --env\)/,
    );
    expect(folders('argocd,dev,staging,prod', true)).toEqual(['argocd', 'dev', 'prod', 'staging']);
  });

  test('a name that is no output folder: the defined environments and the other folders named', () => {
    expect(() => folders('qa')).toThrow(
      /unknown environment 'qa' \(defined: dev, staging, prod; other output folders: flux-dev, flux-staging, flux-prod-eu, flux-prod-us\)/,
    );
  });
});
