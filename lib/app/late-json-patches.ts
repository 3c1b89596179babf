import { ApiObject, JsonPatch } from 'cdk8s';
import { ConstructError } from '../core';

const FIXED = Symbol.for('kubecraft.late-json-patches');

interface PatchableApiObject {
  patches: JsonPatch[];
  toJson(): any;
  [FIXED]?: true;
}

/**
 * Makes `ApiObject.addJsonPatch` apply to the object's final JSON.
 *
 * cdk8s applies JSON patches inside `ApiObject.toJson()`, but generated L1 classes (the
 * `k8s.KubeDeployment` under every cdk8s-plus construct, and every class `cdk8s import`
 * generates from a CRD) override `toJson()` to map the result through typed converters
 * afterwards. The converters drop patched fields they do not know (`hostPID`, typos) and
 * mangle patched quantities, so an escape-hatch patch can silently vanish. This wraps such
 * objects' `toJson()` so that the patches run last, on exactly what is written, as users
 * expect (and so that validation sees, and catches, what a patch produced).
 *
 * Relies on cdk8s's `patches` array on `ApiObject` (cdk8s 2.x); applied once per object.
 */
export function applyJsonPatchesLast(obj: ApiObject): void {
  const target = obj as unknown as PatchableApiObject;
  if (target[FIXED] || !Array.isArray(target.patches)) return;
  if (Object.getPrototypeOf(obj).toJson === ApiObject.prototype.toJson) return; // plain ApiObject: already right
  const render = target.toJson.bind(obj);
  target[FIXED] = true;
  target.toJson = () => {
    const patches = target.patches;
    if (patches.length === 0) return render();
    target.patches = [];
    try {
      const json = render();
      const patched = JsonPatch.apply(json, ...patches);
      const result: Record<string, unknown> = {};
      for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
        if (k in patched) result[k] = patched[k];
      }
      return result;
    } catch (e) {
      throw new ConstructError(obj, `failed applying JSON patches to '${obj.name}': ${String(e)}`, {
        prop: 'addJsonPatch',
        hint: 'check the patch paths against the rendered object (a path must exist for replace and remove)',
        cause: e,
      });
    } finally {
      target.patches = patches;
    }
  };
}
