// Cluster-wide classes and volumes that cdk8s-plus-27 lacks: StorageClass, PersistentVolume
// (host path, NFS, local, CSI), VolumeSnapshotClass, PriorityClass, IngressClass, RuntimeClass.
export * from './storage-class';
export * from './persistent-volume';
export * from './volume-snapshot-class';
export * from './priority-class';
export * from './ingress-class';
export * from './runtime-class';
