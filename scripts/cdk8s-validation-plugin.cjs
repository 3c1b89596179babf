// kubecraft's cdk8s CLI validation plugin, loaded from this repository's sources: bundles
// lib/validation/cdk8s-validation-plugin.ts with esbuild (about 0.1 s) and exports its classes.
// In a cdk8s.yaml next to this repository:
//
//   validations:
//     - package: ./scripts/cdk8s-validation-plugin.cjs
//       version: 0.1.0
//       class: KubecraftValidation
//
// With kubecraft installed in a project, point at the installed package instead (a local path:
// the cdk8s CLI would otherwise try to `npm install` a package name into ~/.cdk8s/plugins):
//
//     - package: ./node_modules/kubecraft
//       version: 0.1.0
//       class: KubecraftValidation
const { buildSync } = require('esbuild');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.kubecraft', 'cdk8s-validation-plugin.js');
buildSync({
  entryPoints: [path.join(root, 'lib', 'validation', 'cdk8s-validation-plugin.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
module.exports = require(outfile);
