import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE_DIR_VARIABLE, parsedOnce } from '../../lib/upstream/parsed-yaml-cache';

describe('parsedOnce', () => {
  const saved = process.env[CACHE_DIR_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[CACHE_DIR_VARIABLE];
    else process.env[CACHE_DIR_VARIABLE] = saved;
  });

  test('parses a text once per process; every caller gets its own copy', () => {
    delete process.env[CACHE_DIR_VARIABLE];
    const parse = jest.fn((t: string) => ({ text: t, list: [1, 2], inf: Infinity }));
    const text = `once-${Math.random()}`;
    const a = parsedOnce(text, 'f1', parse);
    a.list.push(3); // changing one copy changes no other
    const b = parsedOnce(text, 'f1', parse);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(b).toEqual({ text, list: [1, 2], inf: Infinity });
    parsedOnce(text, 'f2', parse); // another format (parser version) parses again
    expect(parse).toHaveBeenCalledTimes(2);
  });

  test('with $KUBECRAFT_CACHE_DIR, a later process reads what an earlier one parsed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-parsed-'));
    try {
      process.env[CACHE_DIR_VARIABLE] = dir;
      const text = `disk-${Math.random()}`;
      const parse = jest.fn((t: string) => ({ t, when: new Date(0) }));
      parsedOnce(text, 'f', parse);
      const files = fs.readdirSync(path.join(dir, 'parsed-yaml'));
      expect(files).toHaveLength(1);
      // a new process has an empty memory: simulate it
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('kubecraft.parsed-yaml')];
      const again = jest.fn(parse);
      expect(parsedOnce(text, 'f', again)).toEqual({ t: text, when: new Date(0) });
      expect(again).not.toHaveBeenCalled();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a parse that throws is not remembered', () => {
    delete process.env[CACHE_DIR_VARIABLE];
    const text = `bad-${Math.random()}`;
    expect(() =>
      parsedOnce(text, 'f', () => {
        throw new Error('invalid YAML');
      }),
    ).toThrow('invalid YAML');
    expect(parsedOnce(text, 'f', () => 'fixed')).toBe('fixed');
  });
});

test('a damaged file in the cache folder is parsed again and replaced', () => {
  const saved = process.env[CACHE_DIR_VARIABLE];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-parsed-'));
  try {
    process.env[CACHE_DIR_VARIABLE] = dir;
    const text = `damaged-${Math.random()}`;
    const parse = jest.fn((t: string) => ({ t }));
    parsedOnce(text, 'f', parse);
    const [name] = fs.readdirSync(path.join(dir, 'parsed-yaml'));
    const file = path.join(dir, 'parsed-yaml', name);
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, good.subarray(0, 3)); // cut short
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('kubecraft.parsed-yaml')];
    expect(parsedOnce(text, 'f', parse)).toEqual({ t: text });
    expect(parse).toHaveBeenCalledTimes(2);
    expect(fs.readFileSync(file).equals(good)).toBe(true);
  } finally {
    if (saved === undefined) delete process.env[CACHE_DIR_VARIABLE];
    else process.env[CACHE_DIR_VARIABLE] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
