import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { assertValid } from '../values/assert-valid';
import { AppNetwork } from './app-network';
import { selectingService } from './base/front-service';
import { AdditionalService, PatternPort, serviceNameProblems, servicePorts } from './pattern-port';

/** What the additional Services of a pattern share with its own Service. */
export interface AdditionalServicesOf {
  /** The pattern: the Services are created in it, errors name it. */
  readonly scope: Construct;
  /** The pattern's name (the external traffic it allows is named after it). */
  readonly name: string;
  /** The recommended labels, on every Service. */
  readonly labels: Readonly<Record<string, string>>;
  /** The labels the Services select. */
  readonly selector: Readonly<Record<string, string>>;
  /** Every port of the pattern's own Service, by name. */
  readonly ports: readonly PatternPort[];
}

/**
 * The `additionalServices` of a pattern (errors name `additionalServices[i]`), each exposing the
 * ports it names (default: all) in its own way; those reached from outside are allowed in by
 * the app's network policy.
 */
export function addAdditionalServices(of: AdditionalServicesOf, extras: readonly AdditionalService[]): kplus.Service[] {
  const { scope, ports } = of;
  return extras.map((extra, i) => {
    assertValid(scope, `additionalServices[${i}].name`, extra.name, serviceNameProblems(extra.name));
    extra.exposure.validate(scope, `additionalServices[${i}].exposure`);
    if (extra.exposure.ingressOptions)
      throw new ConstructError(scope, 'an additional Service cannot be exposed through an Ingress', {
        prop: `additionalServices[${i}].exposure`,
        hint: 'use Exposure.internal(), .nodePort() or .loadBalancer()',
      });
    (extra.ports ?? []).forEach((n, j) => {
      if (!ports.some((p) => p.name === n))
        throw new ConstructError(scope, `no port named '${n}'`, {
          prop: `additionalServices[${i}].ports[${j}]`,
          hint: `use one of ${ports.map((p) => p.name).join(', ')}`,
        });
    });
    const chosen = extra.ports === undefined ? ports : ports.filter((p) => extra.ports!.includes(p.name));
    const service = selectingService(
      scope,
      `Service-${extra.name}`,
      {
        metadata: { name: extra.name, labels: { ...of.labels } },
        type: extra.exposure.serviceType,
        ports: servicePorts(chosen, extra.exposure.nodePort),
      },
      of.selector,
    );
    if (extra.exposure.isExternal) {
      for (const p of chosen) AppNetwork.of(scope).allowFromOutside({ name: of.name, labels: of.selector }, p.port);
    }
    return service;
  });
}
