// The assertions every bad-input row makes, whichever table holds it (bad-input.test.ts,
// bad-input-server.test.ts, or a rule's own cases in rules/<id>.cases.ts): the app built with
// the row's mutation gives an error of the row's rule on the row's object and field, and its
// synth is refused with a message naming them.
import { formatReport, SynthesisError } from '../../lib';
import { BadInputCase } from './bad-input-cases';
import { fixtureApp } from './fixture-app';
import { ServerCase } from './server-cases';

/** A row of bad-input.test.ts's table: refused with its rule, construct path and (when given) field. */
export function expectRefused(c: BadInputCase): void {
  const f = fixtureApp(c.kubernetesVersion);
  c.mutate(f);
  const report = f.app.validate();
  const match = report.errors.find(
    (e) => e.rule === c.rule && e.path === c.path && (c.field === undefined || e.field === c.field),
  );
  if (!match) throw new Error(`expected ${c.rule} at ${c.path} ${c.field ?? ''}; got:\n${formatReport(report)}`);
  let thrown: unknown;
  try {
    f.app.synth();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(SynthesisError);
  const message = (thrown as Error).message;
  expect(message).toContain(`[${c.rule}]`);
  expect(message).toContain(`(${c.path})`);
  expect(message).toContain(`at ${match.field || '<object>'}: `);
  expect(message).toContain('fix: ');
}

/** A row of the server table (server-cases.ts): refused with its rule, object, construct path and field. */
export function expectRefusedLikeTheServer(c: ServerCase): void {
  const f = fixtureApp(c.kubernetesVersion);
  c.mutate(f);
  const report = f.app.validate();
  const match = report.errors.find((e) => e.rule === c.rule && e.path === c.path && e.field === c.field);
  if (!match)
    throw new Error(`expected ${c.rule} at ${c.path} ${c.field} (${c.object}); got:\n${formatReport(report)}`);
  expect(match.object).toBe(c.object);
  let thrown: unknown;
  try {
    f.app.synth();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(SynthesisError);
  const message = (thrown as Error).message;
  expect(message).toContain(`[${c.rule}] ${c.object} (${c.path})`);
  expect(message).toContain(`at ${c.field || '<object>'}: `);
}
