// The run context (lib/core/run-context.ts) is the one place that reads and sets environment
// variables; kubecraft's errors are recognised by their brand across copies of the library.
import * as fs from 'fs';
import * as path from 'path';
import {
  childEnvironment,
  ConstructError,
  defaultRunSetting,
  RUN_VARIABLES,
  runSetting,
  setRunSetting,
  SynthesisError,
} from '../../lib/core';

const LIB = path.resolve(__dirname, '..', '..', 'lib');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full.includes(`${path.sep}generated`) ? [] : sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the run context', () => {
  test('is the only module of lib/ that touches process.env', () => {
    const offenders = sources(LIB)
      .filter((f) => !f.endsWith(path.join('core', 'run-context.ts')))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(LIB, f)}:${i + 1}` }))
          // code that kubecraft convert writes into the user's app (a string literal) is the app's, not ours
          .filter(({ line }) => /process\.env/.test(line) && !/^\s*'.*process\.env.*',?$/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });

  test('reads, sets, defaults and unsets settings by name; an empty value is unset', () => {
    const before = process.env[RUN_VARIABLES.changeCause];
    try {
      setRunSetting('changeCause', 'release 1');
      expect(process.env.KUBECRAFT_CHANGE_CAUSE).toBe('release 1');
      expect(runSetting('changeCause')).toBe('release 1');
      defaultRunSetting('changeCause', 'other');
      expect(runSetting('changeCause')).toBe('release 1'); // the user's own value wins
      setRunSetting('changeCause', '');
      expect(runSetting('changeCause')).toBeUndefined();
      defaultRunSetting('changeCause', 'default');
      expect(runSetting('changeCause')).toBe('default');
      setRunSetting('changeCause', undefined);
      expect('KUBECRAFT_CHANGE_CAUSE' in process.env).toBe(false);
      expect(childEnvironment({ EXTRA: '1' })).toMatchObject({ EXTRA: '1', PATH: process.env.PATH });
    } finally {
      setRunSetting('changeCause', before);
    }
  });
});

describe('errors are recognised by their brand, across copies of the library', () => {
  // a second copy of lib/core/errors.ts: another class, as in an app that bundles its own kubecraft
  let other: typeof import('../../lib/core/errors') | undefined;
  jest.isolateModules(() => {
    other = require('../../lib/core/errors');
  });

  test('SynthesisError and ConstructError of another copy', () => {
    const errors = other!;
    expect(errors.SynthesisError).not.toBe(SynthesisError);
    const synthesis = new errors.SynthesisError('refused');
    expect(synthesis instanceof SynthesisError).toBe(false);
    expect(SynthesisError.isSynthesisError(synthesis)).toBe(true);
    const construct = new errors.ConstructError('app/web', 'bad');
    expect(ConstructError.isConstructError(construct)).toBe(true);
    expect(ConstructError.isConstructError(synthesis)).toBe(false);
    expect(SynthesisError.isSynthesisError(new Error('SynthesisError'))).toBe(false);
    const named = new Error('x');
    named.name = 'SynthesisError';
    expect(SynthesisError.isSynthesisError(named)).toBe(false); // a name is not a brand
    expect(SynthesisError.isSynthesisError(undefined)).toBe(false);
  });
});
