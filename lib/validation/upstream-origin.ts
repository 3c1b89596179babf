import { IConstruct } from 'constructs';

/** Where an object included as upstream wrote it comes from, for the fixes validation suggests. */
export interface UpstreamOrigin {
  /** The construct class that included it: `UpstreamManifests` or `HelmManifests`. */
  readonly source: 'UpstreamManifests' | 'HelmManifests';
  /** The construct path of that construct. */
  readonly path: string;
}

/** A global symbol: a second copy of the library (bundled into an app) reads the same marks. */
const UPSTREAM_ORIGIN = Symbol.for('kubecraft.upstream-origin');

/**
 * Marks `construct` (an `UpstreamManifests` or `HelmManifests`) as the origin of the objects
 * under it, so that validation suggests what can be done there (`modify`, `relax`,
 * `applySecureDefaults`, chart values) rather than what kubecraft charts do by default.
 */
export function markUpstreamOrigin(construct: IConstruct, source: UpstreamOrigin['source']): void {
  const origin: UpstreamOrigin = { source, path: construct.node.path };
  Object.defineProperty(construct, UPSTREAM_ORIGIN, { value: origin, configurable: true, enumerable: false });
}

/** The upstream origin of `construct`: the nearest marked construct among it and its scopes. */
export function upstreamOriginOf(construct: IConstruct | undefined): UpstreamOrigin | undefined {
  for (const c of construct ? [...construct.node.scopes].reverse() : []) {
    const origin = (c as { [UPSTREAM_ORIGIN]?: UpstreamOrigin })[UPSTREAM_ORIGIN];
    if (origin) return origin;
  }
  return undefined;
}
