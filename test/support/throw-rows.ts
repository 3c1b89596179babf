// The tables of throw sites (test/*/throw-sites.test.ts, test/cluster/bad-input.test.ts): each
// row builds something invalid in a fresh chart and names the construct path and the prop the
// error must carry; an `atSynth` row fails only when the chart is synthesized.
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError, KubecraftChart } from '../../lib';
import { synth } from './manifests';

/** One row of a throw-site table. */
export interface ThrowRow {
  readonly name: string;
  readonly build: (chart: Construct) => unknown;
  readonly path: string;
  readonly prop: string;
  /** Raised at synth, from `_toKube`. */
  readonly atSynth?: boolean;
  /** The chart's namespace. */
  readonly namespace?: string;
}

/** The error building (and, for `atSynth` rows, synthesizing) the row throws, or fails. */
export function errorOfRow(row: ThrowRow): Error {
  const chart = new KubecraftChart(Testing.app(), 'test', row.namespace ? { namespace: row.namespace } : {});
  try {
    row.build(chart);
  } catch (err) {
    expect(err).toBeInstanceOf(ConstructError);
    expect(row.atSynth).toBeFalsy();
    return err as Error;
  }
  expect(row.atSynth).toBe(true);
  try {
    synth(chart);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error at synth, got none');
}

/** Checks that `err` names `row`'s construct path and prop, message first. */
export function expectNamed(err: ConstructError, row: Pick<ThrowRow, 'path' | 'prop'>): void {
  expect(err.constructPath).toBe(row.path);
  expect(err.prop).toBe(row.prop);
  expect(err.message.startsWith(`${row.path} (${row.prop}): `)).toBe(true);
}
