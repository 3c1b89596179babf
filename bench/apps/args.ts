/** The benchmark app's own arguments, whether run as `node bundle.js ...` or `node scripts/run-app.mjs app.ts ...`. */
export function benchArgs(): string[] {
  return process.argv.slice(process.argv.findIndex((a) => /\.(ts|js)$/.test(a)) + 1);
}
