/**
 * The fix for a pod security finding on an object included as upstream wrote it
 * (`UpstreamManifests`, `HelmManifests`), which kubecraft's chart defaults leave alone.
 */
import { display } from '../../checks/shape';
import type { RuleId } from '../../rules';
import { CheckInput } from '../rule';

/**
 * What can be done on an upstream object (chart values, `modify`, `applySecureDefaults` when it
 * would set the field, a relaxation); undefined for other objects.
 */
export function upstreamFix(
  input: CheckInput,
  fix: string,
  rule: RuleId,
  secureDefaultsSetIt: boolean,
): string | undefined {
  const origin = input.origin;
  if (!origin) return undefined;
  const kind = display(input.manifest.kind);
  const name = display(input.manifest.metadata?.name);
  const ways = [
    ...(origin.source === 'HelmManifests'
      ? ["through the chart's values, if it has one for it (often securityContext)"]
      : []),
    `with modify('${kind}', '${name}', (m) => { ... })`,
    ...(secureDefaultsSetIt
      ? [
          'with applySecureDefaults: true (kubecraft then sets it where upstream leaves it unset, listing each change in the report)',
        ]
      : []),
  ];
  return (
    `${fix}: this object is kept as upstream wrote it by the ${origin.source} at ${origin.path}, so kubecraft's chart defaults ` +
    `do not apply; change it ${ways.join(', or ')}; or accept it with relax('${kind}', '${name}', '${rule}', '<reason>') ` +
    `(or Policy.relax(<the ${origin.source}>, '${rule}', '<reason>') for all its objects)`
  );
}
