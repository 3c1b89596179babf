#!/usr/bin/env bash
# The consumer path, from the packed package only (nothing of this repository is used after
# `npm pack`, but scripts/find-helm.mjs for a helm to check the chart with): install the tarball
# with the peer dependencies into a fresh project in a temp folder, then kubecraft init, synth,
# npx cdk8s synth, npx cdk8s synth --format helm (helm template of the chart), the scaffold's
# npm test, validate on a broken app (exit 1, dist/ untouched), diff, an app using cdk8s
# Include; and an install from a git URL, built by `prepare`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kubecraft-consumer-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export CDK8S_CHECK_UPGRADE=false npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_prefer_offline=true
step() { echo "== $* ($(date +%T))"; }
fail() { echo "consumer-test: $*" >&2; exit 1; }
lockver() { node -p "require('$repo/package-lock.json').packages['node_modules/$1'].version"; }
peers="cdk8s@$(lockver cdk8s) cdk8s-plus-27@$(lockver cdk8s-plus-27) constructs@$(lockver constructs)"

step "npm pack"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball="$(ls "$work"/kubecraft-*.tgz)"
contents="$(tar -tzf "$tarball")"
for f in package/build/lib/index.js package/build/lib/index.d.ts package/build/lib/cli/bin.js; do
  grep -qx "$f" <<<"$contents" || fail "$f missing from the tarball"
done
grep -qx 'package/build/lib/validation/schema/generated/index.js' <<<"$contents" || fail "generated validators missing from the tarball"
if grep -E '\.map$|^package/(lib|test|examples|scripts)/|\.ts$' <<<"$contents" | grep -v '\.d\.ts$'; then
  fail "the tarball holds sources, tests or source maps (listed above)"
fi

step "fresh project: npm install the tarball and the peer dependencies ($peers)"
app="$work/app"
mkdir "$app" && cd "$app"
npm init -y >/dev/null
npm install --silent "$tarball" $peers
npx kubecraft --version

step "kubecraft init (and npm install of what it added)"
npx kubecraft init
if npx kubecraft init 2>/dev/null; then fail "init overwrote existing files"; fi
npm install --silent

step "kubecraft synth"
npx kubecraft synth
[ -f dist/hello.k8s.yaml ] && [ -f dist/Kustomization ] || fail "dist/ lacks hello.k8s.yaml or Kustomization"
grep -q '^kind: Namespace$' dist/setup/hello.k8s.yaml || fail "dist/setup/ (the install phase applied first) lacks the Namespace"
[ "$(stat -c %a dist)" = 755 ] && [ "$(stat -c %a dist/hello.k8s.yaml)" = 644 ] || fail "dist/ permissions are not 0755/0644"
[ ! -e node_modules/kubecraft/.kubecraft ] || fail "the runner wrote into node_modules/kubecraft"
ls .kubecraft/bundles/*.cjs >/dev/null || fail "no bundle cached in the project's .kubecraft/"
if command -v kubectl >/dev/null; then kubectl kustomize dist/ | grep -q '^kind: Deployment$' || fail "kubectl kustomize dist/ failed"; fi

step "npx cdk8s synth"
npx cdk8s synth
[ -f dist/hello.k8s.yaml ] || fail "cdk8s synth wrote no dist/hello.k8s.yaml"

step "npx cdk8s synth --format helm (a Helm chart of the app, then helm template of it)"
npx cdk8s synth --format helm --chart-version 0.1.0 -o chart >/dev/null
[ -f chart/Chart.yaml ] || fail "cdk8s synth --format helm wrote no chart/Chart.yaml"
[ "$(ls chart/templates)" = hello.k8s.yaml ] || fail "chart/templates holds more than the manifests: $(ls chart/templates)"
helm="$(node "$repo/scripts/find-helm.mjs" | node -pe 'const h = JSON.parse(require("fs").readFileSync(0, "utf8")); h.path || ""')"
if [ -n "$helm" ]; then
  # the plain synth: the setup phase (the Namespace) in dist/setup/, the rest in dist/
  diff <(cat dist/setup/*.k8s.yaml dist/*.k8s.yaml | grep '^kind:' | sort) <("$helm" template hello chart | grep '^kind:' | sort) ||
    fail "helm template of the chart gives other objects than the plain synth"
elif [ "${KUBECRAFT_REQUIRE_HELM:-}" = 1 ]; then
  fail "KUBECRAFT_REQUIRE_HELM=1, but scripts/find-helm.mjs found no helm"
else
  echo "(no helm: helm template of the chart skipped)"
fi
rm -rf chart

step "npm test (the scaffold's snapshot test: the first run writes the snapshot, the second checks it)"
# under CI=true jest refuses to write a new snapshot: the first run is the user's own, on their machine
env -u CI npm test --silent
CI=true npm test --silent

step "kubecraft validate on a broken app: exit 1, dist/ untouched"
cat > broken.ts <<'TS'
import { KubecraftApp, KubecraftChart, WebService } from 'kubecraft';
const app = new KubecraftApp();
new WebService(new KubecraftChart(app, 'broken', { namespace: 'broken' }), 'web', { image: 'nginx' });
app.synth();
TS
before="$(find dist -type f -exec sha256sum {} + | sort)"
set +e
npx kubecraft validate broken.ts --no-typecheck >validate.out 2>&1; v=$?
npx kubecraft synth broken.ts >/dev/null 2>&1; s=$?
set -e
[ "$v" = 1 ] || { cat validate.out; fail "kubecraft validate exited $v, not 1"; }
[ "$s" = 1 ] || fail "kubecraft synth of the broken app exited $s, not 1"
grep -q 'policy/image-pinned' validate.out || fail "the report does not name policy/image-pinned"
[ "$(find dist -type f -exec sha256sum {} + | sort)" = "$before" ] || fail "dist/ changed"

step "kubecraft diff (no changes right after a synth)"
npx kubecraft synth --quiet
npx kubecraft diff

step "the Argo CD config-management plugin (docs/argocd/plugin.yaml): its generate command prints the app as one YAML stream"
generate="$(node -e 'const y = require("yaml"); const p = y.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(p.spec.generate.args[0])' "$repo/docs/argocd/plugin.yaml")"
(unset ARGOCD_ENV_KUBECRAFT_ENV; sh -c "$generate") >stream.yaml 2>stream.err || { cat stream.err; fail "the plugin's generate command failed"; }
[ ! -s stream.err ] || { cat stream.err; fail "the plugin's generate command wrote to stderr"; }
diff <(grep '^kind:' stream.yaml | sort) <(cat dist/setup/*.k8s.yaml dist/*.k8s.yaml | grep '^kind:' | sort) ||
  fail "the plugin's stream holds other objects than dist/"
[ "$(grep -c '^---$' stream.yaml)" = "$(( $(grep -c '^kind:' stream.yaml) - 1 ))" ] || fail "the stream's documents are not separated by ---"
head -5 stream.yaml | grep -q '^kind: Namespace$' || fail "the stream does not start with the setup phase"

step "an app using cdk8s Include of a local YAML file"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: included\n  namespace: hello\ndata:\n  a: "1"\n' >extra.yaml
cat > include.ts <<'TS'
import * as path from 'path';
import { Include } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart } from 'kubecraft';
const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'inc', { namespace: 'hello' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'hello' } });
new Include(chart, 'extra', { url: path.join(__dirname, 'extra.yaml') });
app.synth();
TS
npx kubecraft synth include.ts --outdir dist-include
grep -q 'name: included' dist-include/inc.k8s.yaml || fail "the included ConfigMap is not in the output"

step "delivery to clusters: Argo CD and Flux objects, validated against the package's vendored Flux CRDs"
cat > deliver.ts <<'TS'
import * as kplus from 'cdk8s-plus-27';
import { ApiObject } from 'cdk8s';
import { ArgoCdDelivery, Clusters, Environments, FluxDelivery, FluxDeliverySource, KubecraftApp, KubecraftChart } from 'kubecraft';
const app = new KubecraftApp();
for (const env of Environments.define(app, { dev: {}, prod: {} })) {
  const chart = new KubecraftChart(env, 'hello', { namespace: 'hello' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'hello' } });
  if (process.env.BREAK_FLUX) {
    new ApiObject(chart, 'bad', { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'bad' }, spec: { interval: '1m', sourceRef: { kind: 'GitRepository', name: 'x' } } });
  }
}
new Clusters(app, 'clusters', { clusters: [
  { name: 'dev', environment: 'dev', server: 'https://dev.example.com' },
  { name: 'prod-eu', environment: 'prod', server: 'https://eu.example.com' },
] });
new ArgoCdDelivery(app, 'hello-argocd', { appName: 'hello', repoURL: 'https://example.com/hello.git' });
new FluxDelivery(app, 'hello-flux', { appName: 'hello', source: FluxDeliverySource.git({ url: 'https://example.com/hello.git', ref: { branch: 'main' } }), includeCrds: true });
app.synth();
TS
compiled() { if [ -d .kubecraft/cache/crd-validators ]; then ls .kubecraft/cache/crd-validators | wc -l; else echo 0; fi; }
compiled_before=$(compiled)
npx kubecraft synth deliver.ts --outdir dist-deliver --no-typecheck --quiet
compiled_after=$(compiled)
[ "$compiled_before" = "$compiled_after" ] || fail "Flux's CRD schemas were compiled at synth: the package's compiled validators (crds/gitops/validators/) are missing or stale"
grep -q '^kind: ApplicationSet$' dist-deliver/argocd/hello.k8s.yaml || fail "no ApplicationSet in dist-deliver/argocd/"
grep -q 'path: ./dist/prod' dist-deliver/flux-prod-eu/hello.k8s.yaml || fail "the prod-eu Kustomization does not apply dist/prod"
grep -q 'name: kustomizations.kustomize.toolkit.fluxcd.io' dist-deliver/flux-dev/setup/hello.k8s.yaml || fail "includeCrds wrote no Flux CRD (crds/gitops/ missing from the package?)"
set +e
BREAK_FLUX=1 npx kubecraft synth deliver.ts --outdir dist-deliver --no-typecheck >deliver.out 2>&1; d=$?
set -e
[ "$d" = 1 ] || { cat deliver.out; fail "a Flux Kustomization without prune was not refused (exit $d)"; }
grep -q "missing required field 'prune'" deliver.out || { cat deliver.out; fail "the refusal does not come from Flux's CRD"; }

step "install from a git URL (built by prepare)"
clone="$work/clone"
git clone -q "$repo" "$clone"
gitapp="$work/gitapp"
mkdir "$gitapp" && cd "$gitapp"
npm init -y >/dev/null
npm install --silent "git+file://$clone" $peers
[ -f node_modules/kubecraft/build/lib/cli/bin.js ] || fail "the git install has no build/"
npx kubecraft --version

echo "consumer test passed"
