import { KUBERNETES_VERSIONS } from '../../core';
import { KUBERNETES_VERSIONS as GENERATED_VERSIONS } from './generated/index';

// The Kubernetes versions are defined once, in lib/core; the generated schemas must cover them.
if (GENERATED_VERSIONS.join(',') !== KUBERNETES_VERSIONS.join(',')) {
  throw new Error(
    `kubecraft: the generated schemas cover ${GENERATED_VERSIONS.join(', ')} but lib/core lists ${KUBERNETES_VERSIONS.join(', ')}: regenerate them (npm run generate:schema)`,
  );
}

export {
  DEFAULT_KUBERNETES_VERSION,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
  KubernetesVersion,
  minorOf,
  toKubernetesVersion,
} from '../../core';
