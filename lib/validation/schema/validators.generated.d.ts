// Types of the generated module validators.generated.js (see scripts/generate-schema-validators.mjs).

/** An ajv-compiled validation function. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null;
}

/** The schema-validated kinds, as `<apiVersion>/<kind>`. */
export declare const SCHEMA_KINDS: readonly string[];
/** Validator function name per `<apiVersion>/<kind>`. */
export declare const VALIDATOR_NAMES: Readonly<Record<string, string>>;
