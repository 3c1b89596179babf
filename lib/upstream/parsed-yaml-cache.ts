import { createHash } from 'crypto';
import * as v8 from 'v8';
import { diskCached, processMemo, RUN_VARIABLES } from '../core';

/**
 * The environment variable naming a folder where parsed upstream YAML is kept between runs.
 * `kubecraft synth` sets it to the project's `.kubecraft/cache`; unset, nothing is written.
 */
export const CACHE_DIR_VARIABLE = RUN_VARIABLES.cacheDir;

/** On `globalThis`: an app bundle reloaded by `kubecraft synth --watch` finds what the last run parsed. */
const MEMO = 'kubecraft.parsed-yaml';
const MEMO_ENTRIES = 64;

/**
 * `parse(text)`, remembered by the sha256 of `text` and `format` (what else shapes the result:
 * the parser's version): in this process, and between runs in `$KUBECRAFT_CACHE_DIR` (V8
 * serialization, which keeps every value YAML can give). Parsing upstream YAML is most of what
 * an app that includes large upstream files spends (Rook's CRDs: about half a second); the text
 * rarely changes. Each call gets its own copy, which it may change. `parse` that throws is not
 * remembered.
 */
export function parsedOnce<T>(text: string, format: string, parse: (text: string) => T): T {
  const key = createHash('sha256').update(format).update('\0').update(text).digest('hex');
  const memo = processMemo<string, Buffer>(MEMO);
  const remembered = memo.get(key);
  if (remembered) return v8.deserialize(remembered) as T;
  const { stored, value } = diskCached(
    'parsed-yaml',
    key,
    '.v8',
    () => v8.serialize(parse(text)),
    (content) => ({ stored: content, value: v8.deserialize(content) as T }),
  );
  if (memo.size >= MEMO_ENTRIES) memo.clear();
  memo.set(key, stored);
  return value;
}
