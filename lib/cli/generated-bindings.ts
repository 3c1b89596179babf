/**
 * What `kubecraft import` changes in the bindings `cdk8s import` generates (json2jsii's
 * `toJson_<Type>` functions), so that nothing the user wrote is lost before validation sees it:
 *
 * - a key the type does not know (a typo, `dnsNamez`) is kept as written, so the schema check
 *   refuses it (`unknown field 'dnsNamez'`) instead of the generated code dropping it;
 * - a value that is not an object where the type wants one (`ca: 5`) is passed on as it is, so
 *   the schema check says what is wrong with it (`must be object`) instead of the generated code
 *   turning it into `{}` (reported as a missing required field inside it).
 *
 * The change is textual and idempotent: each converter gets two statements, marked
 * `kubecraft:`; converters already changed are left alone.
 */
const CONVERTER =
  /(export function toJson_(\w+)\(obj: \w+ \| undefined\): Record<string, any> \| undefined \{\n {2}if \(obj === undefined\) \{ return undefined; \}\n)( {2}const result = \{\n)([\s\S]*?\n {2}\};\n)/g;

/** The generated source with every `toJson_` converter keeping unknown keys and wrong-typed values. */
export function keepWhatUsersWrote(source: string): string {
  return source.replace(CONVERTER, (_all, head: string, _type: string, open: string, body: string) => {
    const known = [...new Set([...body.matchAll(/\bobj\.(\w+)/g)].map((m) => m[1]))];
    return (
      `${head}` +
      '  // kubecraft: a value of the wrong type reaches validation as it is\n' +
      "  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) { return obj as any; }\n" +
      `${open}${body}` +
      '  // kubecraft: keys the type does not know (typos) reach validation as written\n' +
      `  for (const [k, v] of Object.entries(obj)) { if (!${JSON.stringify(known)}.includes(k)) { (result as Record<string, unknown>)[k] = v; } }\n`
    );
  });
}
