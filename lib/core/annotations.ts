/** The pod template annotation that carries the hash of the configuration a workload uses. */
export const CONFIG_HASH_ANNOTATION = 'kubecraft.io/config-hash';
