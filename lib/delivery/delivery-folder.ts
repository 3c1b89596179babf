import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Environment, Environments, selectedOutputFolders } from '../app/environment';
import { ConstructError } from '../core';

/**
 * An output folder of delivery objects (`dist/argocd/`, `dist/flux-<cluster>/`): written, validated
 * and applied like an environment's folder (`kubecraft apply --env argocd`), but not an
 * environment of the app (`Environments.definedIn` does not list it). Obtained by name, so two
 * deliveries (two apps of one repository) share the folder of a cluster.
 */
export class DeliveryFolder extends Environment<undefined> {
  /** The delivery folder `name` of the app of `scope`, created on first use. */
  public static obtain(scope: IConstruct, name: string): DeliveryFolder {
    const root = scope.node.root as Construct;
    const existing = root.node.tryFindChild(name);
    if (existing instanceof DeliveryFolder) return existing;
    if (existing) {
      throw new ConstructError(
        scope,
        `the delivery folder '${name}' would be written where the app has '${existing.node.path}'`,
        { hint: 'rename the construct, or the cluster whose folder this is' },
      );
    }
    return new DeliveryFolder(root, name);
  }

  private constructor(scope: Construct, name: string) {
    super(scope, name, undefined);
    this.node.addValidation({
      validate: () =>
        Environments.definedIn(this).includes(name)
          ? [
              `the delivery folder '${name}/' has the name of an environment of the app: both would be written to dist/${name}/. Fix: rename the environment or the cluster`,
            ]
          : [],
    });
  }

  /**
   * Written unless `$KUBECRAFT_ENV` (`kubecraft synth --env a,b`) selects folders and not this one:
   * `--env argocd` writes only `dist/argocd/`, `--env prod` only `dist/prod/`.
   */
  public isSelected(): boolean {
    const selected = selectedOutputFolders();
    return selected === undefined || selected.includes(this.envName);
  }

  /** The chart `id` of this folder, created on first use. */
  public chart(id: string): Chart {
    const existing = this.node.tryFindChild(id);
    if (existing instanceof Chart) return existing;
    return new Chart(this, id);
  }
}

/** The output folder of `scope`: its environment's (or delivery folder's) name, or '' outside any. */
export function outputFolderName(scope: IConstruct): string {
  return Environment.of(scope)?.envName ?? '';
}
