// Packages kubecraft needs only on some paths, loaded on first use: `kubecraft synth` of an app
// that includes no upstream YAML, converts nothing and diffs nothing never loads them, which is
// start-up time (the `yaml` package alone is a few dozen milliseconds).
import type * as Yaml from 'yaml';

let yaml: typeof Yaml | undefined;

/** The `yaml` package (parsing upstream files, CRDs, compose files, `dist/` for diffs). */
export function yamlPackage(): typeof Yaml {
  return (yaml ??= require('yaml') as typeof Yaml);
}
