// The bottom layer: the manifest model, kind sets, pod spec access, the pod reference visitor
// and scoped errors. Imports nothing from the rest of lib/.
export * from './errors';
export * from './known-props';
export * from './suggest';
export * from './kinds';
export * from './manifest';
export * from './pod-references';
export * from './pod-spec';
export * from './object-identity';
export * from './kubernetes-version';
export * from './annotations';
export * from './feature-versions';
export * from './atomic-file';
export * from './disk-cache';
export * from './lazy-packages';
export * from './run-context';
export * from './process-memo';
export * from './package-root';
