/**
 * Kubernetes object-name and label syntax (apimachinery `validation.IsDNS1123Label`,
 * `IsDNS1123Subdomain`, `IsQualifiedName`, `IsValidLabelValue`, `IsValidPortName`).
 * Each check returns a list of problems; an empty list means valid.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Remembers the problems of the values a check has seen: apps repeat the same label keys, values
 * and names thousands of times, and validation runs over every one. Bounded, so a huge app
 * cannot grow it without limit.
 */
function memoized(check: (value: string) => string[]): (value: string) => string[] {
  const cache = new Map<string, readonly string[]>();
  return (value: string) => {
    let problems = cache.get(value);
    if (!problems) {
      problems = check(value);
      if (cache.size < 50_000) cache.set(value, problems);
    }
    return [...problems];
  };
}

/** A DNS-1123 label: at most 63 lowercase alphanumerics or '-', starting and ending alphanumeric (Namespace, Service names). */
export const dns1123LabelProblems = memoized(function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push(`must be no more than 63 characters (is ${value.length})`);
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name')",
    );
  }
  return problems;
});

/** A DNS-1123 subdomain: at most 253 characters of dot-separated DNS labels (most object names). */
export const dns1123SubdomainProblems = memoized(function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push(`must be no more than 253 characters (is ${value.length})`);
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')",
    );
  }
  return problems;
});

/** A label or annotation key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export const labelKeyProblems = memoized(function labelKeyProblems(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) return ["a qualified name must have at most one '/' (prefix/name)"];
  const [prefix, name] = parts.length === 2 ? [parts[0], parts[1]] : [undefined, parts[0]];
  const problems: string[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else problems.push(...dns1123SubdomainProblems(prefix).map((p) => `prefix part ${p}`));
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else {
    if (name.length > 63) problems.push(`name part must be no more than 63 characters (is ${name.length})`);
    if (!QUALIFIED_NAME.test(name)) {
      problems.push(
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      );
    }
  }
  return problems;
});

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric. */
export const labelValueProblems = memoized(function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push(`must be no more than 63 characters (is ${value.length})`);
  if (!LABEL_VALUE.test(value)) {
    problems.push(
      "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    );
  }
  return problems;
});

/** A port name (IANA_SVC_NAME): at most 15 lowercase alphanumerics or '-', with a letter, no '--', not starting or ending with '-'. */
export const portNameProblems = memoized(function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push(`must be no more than 15 characters (is ${name.length})`);
  if (!IANA_SVC_NAME.test(name))
    problems.push(
      "must contain only lower case alphanumeric characters or '-', and start and end with an alphanumeric character",
    );
  if (name.includes('--')) problems.push("must not contain consecutive hyphens ('--')");
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter');
  return problems;
});

/**
 * A port number: an integer from 1 to 65535. Takes any value, since props typed `number` get
 * strings from JavaScript, YAML or JSON, and says what else it got: `'8080'` is "not the string
 * "8080"".
 */
export function portNumberProblems(port: unknown): string[] {
  if (typeof port === 'number')
    return Number.isInteger(port) && port >= 1 && port <= 65535
      ? []
      : [`must be an integer from 1 to 65535 (is ${port})`];
  const got =
    typeof port === 'string'
      ? `the string ${JSON.stringify(port)}`
      : port === null || port === undefined
        ? String(port)
        : Array.isArray(port)
          ? 'an array'
          : typeof port === 'object'
            ? 'an object'
            : `the ${typeof port} ${String(port)}`;
  return [`must be an integer from 1 to 65535, not ${got}`];
}
