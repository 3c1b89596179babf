/**
 * Name and key formats the Kubernetes API server enforces beyond the published schema, as
 * apimachinery `pkg/util/validation` defines them (`IsDNS1035Label`, `IsValidPortName`,
 * `IsEnvVarName`, `IsRelaxedEnvVarName`, `IsConfigMapKey`, `IsCIdentifier`,
 * `IsWildcardDNS1123Subdomain`, `IsValidPercent`) and `pkg/apis/core/validation` uses them.
 * Each check returns a list of problems; an empty list means valid.
 */
import { dns1123SubdomainProblems } from './dns-name';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PERCENT = /^[0-9]+%$/;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** The largest value of a Kubernetes `int32` field. */
export const INT32_MAX = 2147483647;

/** `.`, `..` and a leading `..` are refused in keys and env names (`hasChDirPrefix`). */
function chDirProblems(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** A DNS-1035 label: at most 63 lowercase alphanumerics or '-', starting with a letter (Service names). */
export function dns1035LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push(`must be no more than 63 characters (is ${value.length})`);
  if (!DNS1035_LABEL.test(value))
    problems.push(
      "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name')",
    );
  return problems;
}

/**
 * An IANA service name (`IsValidPortName`): at most 15 characters of `[-a-z0-9]`, at least one
 * letter, no `--`, not beginning or ending with `-` (container port names, named target ports).
 */
export function ianaSvcNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push(`must be no more than 15 characters (is ${name.length})`);
  if (!PORT_NAME_CHARSET.test(name))
    problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

/**
 * An environment variable name (or envFrom prefix) as the API server of `version` checks it.
 * Before 1.32 (gate RelaxedEnvironmentVariableValidation off): `[-._a-zA-Z][-._a-zA-Z0-9]*`,
 * not `.`/`..`/`..x`. From 1.32 (beta, on; GA in 1.34): any printable ASCII but `=`, non-empty.
 */
export function envVarNameProblems(name: string, relaxed: boolean): string[] {
  if (relaxed) {
    if (name.length === 0) return ['must be non-empty'];
    for (const ch of name) {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || code > 0x7e || ch === '=')
        return ["must consist only of printable ASCII characters other than '='"];
    }
    return [];
  }
  const problems: string[] = [];
  if (!ENV_VAR_NAME.test(name))
    problems.push(
      "must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'MY_ENV.NAME')",
    );
  return [...problems, ...chDirProblems(name)];
}

/** A ConfigMap or Secret key (`IsConfigMapKey`): at most 253 of `[-._a-zA-Z0-9]`, not `.`/`..`/`..x`. */
export function configMapKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length > 253) problems.push(`must be no more than 253 characters (is ${key.length})`);
  if (!CONFIG_MAP_KEY.test(key)) problems.push("must consist of alphanumeric characters, '-', '_' or '.'");
  return [...problems, ...chDirProblems(key)];
}

/** A C identifier (`IsCIdentifier`): a letter or '_', then letters, digits or '_'. */
export function cIdentifierProblems(value: string): string[] {
  return C_IDENTIFIER.test(value)
    ? []
    : ["must be a C identifier: a letter or '_' followed by letters, digits or '_' (e.g. 'MY_NAME')"];
}

/** A path segment name (RBAC objects, PodDisruptionBudgets): not `.` or `..`, no `/` or `%`. */
export function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const problems: string[] = [];
  if (name.includes('/')) problems.push("may not contain '/'");
  if (name.includes('%')) problems.push("may not contain '%'");
  return problems;
}

/** A host name: a DNS-1123 subdomain, or `*.` and one (`IsWildcardDNS1123Subdomain`) when it has a `*`. */
export function wildcardHostProblems(host: string): string[] {
  if (!host.includes('*')) return dns1123SubdomainProblems(host);
  if (!host.startsWith('*.'))
    return [
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain (e.g. '*.example.com')",
    ];
  return dns1123SubdomainProblems(host.slice(2)).map((p) => `after '*.': ${p}`);
}

/** A percentage string (`IsValidPercent`): digits then '%'. */
export function percentProblems(value: string): string[] {
  return PERCENT.test(value) ? [] : ["must be a number followed by '%' (e.g. '25%')"];
}

/** A sysctl name (`IsValidSysctlName`): at most 253 characters of dot- or slash-separated segments. */
export function sysctlNameProblems(name: string): string[] {
  if (name.length > 253) return [`must be no more than 253 characters (is ${name.length})`];
  return SYSCTL_NAME.test(name) ? [] : ["must be a sysctl name such as 'net.ipv4.tcp_syncookies'"];
}

/**
 * A CronJob `timeZone` as `validateTimeZone` checks its form: non-empty, not `Local`, each
 * `/`-separated part 1-14 of `[A-Za-z.-_0-9+]`, not `.`/`..`, not starting with '-'. (Whether the
 * server's tzdata knows the zone is checked separately, with the runtime's own database.)
 */
export function timeZoneFormProblems(tz: string): string[] {
  if (tz.length === 0) return ['must not be empty (leave timeZone unset for the controller manager zone)'];
  if (tz.toLowerCase() === 'local') return ["must be an explicit time zone, not 'Local'"];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part))
      return [`'${part}' is not a valid time zone name part`];
  }
  return [];
}
