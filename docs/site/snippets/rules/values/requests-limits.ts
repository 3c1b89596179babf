import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The API server\'s `ValidateResourceRequirements` (kubernetes/kubernetes `pkg/apis/core/validation`): a request "must be less than or equal to" its limit.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    resources: {
      cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
      memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) }, // request above limit
    },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    resources: {
      cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
      memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    },
  });
}
// #endregion good
