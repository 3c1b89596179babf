// kubecraft/jest-transform (lib/testing/jest-transform.ts): what jest loads to run a kubecraft
// project's TypeScript tests (the scaffold's jest configuration); the consumer test runs it for
// real, from the packed package, in a project made by `kubecraft init`.
import * as vm from 'vm';
import transformer, { getCacheKey, process as transform } from '../../lib/testing/jest-transform';

describe('kubecraft/jest-transform', () => {
  test('TypeScript to CommonJS, types stripped, with an inline source map', () => {
    const { code } = transform(
      "import * as path from 'path';\nexport const joined: string = path.join('a', 'b');\ninterface Unused { readonly x: number }\n",
      '/project/main.test.ts',
    );
    expect(code).toContain('require("path")');
    expect(code).not.toContain('interface');
    expect(code).toMatch(/\/\/# sourceMappingURL=data:application\/json;base64,/);
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(code, { module, exports: module.exports, require });
    expect(module.exports.joined).toBe('a/b');
  });

  test('the cache key follows the source, the file and the jest configuration', () => {
    const key = getCacheKey('const a = 1;', '/p/a.ts', { configString: '{}' });
    expect(getCacheKey('const a = 1;', '/p/a.ts', { configString: '{}' })).toBe(key);
    expect(getCacheKey('const a = 2;', '/p/a.ts', { configString: '{}' })).not.toBe(key);
    expect(getCacheKey('const a = 1;', '/p/b.ts', { configString: '{}' })).not.toBe(key);
    expect(getCacheKey('const a = 1;', '/p/a.ts', { configString: '{"x":1}' })).not.toBe(key);
  });

  test('jest takes the default export (an ES module): it has process and getCacheKey', () => {
    expect(transformer.process).toBe(transform);
    expect(transformer.getCacheKey).toBe(getCacheKey);
  });
});
