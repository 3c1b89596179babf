import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/**
 * A Service of a pattern selecting its pods by `selector` (the recommended labels, or an adopted
 * object's), never by the construct path.
 */
export function selectingService(
  scope: Construct,
  id: string,
  props: kplus.ServiceProps,
  selector: Readonly<Record<string, string>>,
): kplus.Service {
  const service = new kplus.Service(scope, id, props);
  for (const [k, v] of Object.entries(selector)) service.selectLabel(k, v);
  return service;
}
