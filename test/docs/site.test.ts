// The documentation site as users get it: built by scripts/build-site.mjs into
// docs/.site-build/html/ (here, once, when it is missing or older than its inputs), then:
// - every rule in RULES and every pattern has its page, with its examples;
// - every link between pages, to the API reference and to anchors resolves, and the site loads
//   nothing from the network;
// - headless Chromium (Debian's chromium, driven by playwright-core, which downloads no browser)
//   opens it from a static server on 127.0.0.1: the home page, a pattern page, a rule page and the
//   search, checks what they show and saves screenshots in test-output/site/.
// Without chromium the browser test fails in CI ($CI set, or KUBECRAFT_REQUIRE_CHROMIUM=1; .ci/run
// installs Debian's chromium) and is skipped visibly elsewhere, the reason in its name and on the console.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import * as lib from '../../lib';
import { flagsOf } from '../../lib/cli/command-spec';
import { COMMANDS } from '../../lib/cli/commands';

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'docs', '.site-build');
const html = path.join(out, 'html');
const stamp = path.join(out, 'built');
const screenshots = path.join(root, 'test-output', 'site');

/** The newest modification time among the site's inputs. */
function newestInput(): number {
  const inputs = [
    'docs/site',
    'lib',
    'examples',
    'docs/example-app-graph.svg',
    'docs/guestbook-prod-graph.svg',
    'docs/argocd/plugin.yaml',
    'scripts/build-site.mjs',
    'scripts/site-ts-register.cjs',
    'typedoc.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'package.json',
  ];
  let newest = 0;
  const visit = (p: string) => {
    const s = fs.statSync(p);
    if (s.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const i of inputs) if (fs.existsSync(path.join(root, i))) visit(path.join(root, i));
  return newest;
}

function ensureBuilt(): void {
  if (
    fs.existsSync(stamp) &&
    fs.existsSync(path.join(html, 'index.html')) &&
    fs.statSync(stamp).mtimeMs > newestInput()
  )
    return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-site.mjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`npm run docs (scripts/build-site.mjs) failed:\n${r.stdout}\n${r.stderr}`);
}

function htmlFiles(): string[] {
  return (fs.readdirSync(html, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
}

const read = (rel: string) => fs.readFileSync(path.join(html, rel), 'utf8');

/** Fails with a short message (not the whole page) when `page` lacks `text`. */
function expectIn(page: string, text: string, where: string): void {
  if (!page.includes(text)) throw new Error(`${where} does not contain ${JSON.stringify(text)}`);
}

/** The text of a page: tags removed, entities decoded (code is highlighted span by span). */
const textOf = (page: string) =>
  page
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

beforeAll(() => ensureBuilt(), 300_000);

describe('the pages generated from code', () => {
  test.each(Object.keys(lib.RULES))('rule %s has a page with a bad and a good example', (id) => {
    const file = `rules/${id}.html`;
    const page = read(file);
    expectIn(page, 'id="bad"', file);
    expectIn(page, 'id="good"', file);
    expectIn(textOf(page), `[${id}]`, file); // the report of the bad example
    expect(page.match(/<pre class="shiki/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
  });

  const patterns = Object.keys(lib).filter((name) => {
    const value = (lib as Record<string, unknown>)[name];
    return typeof value === 'function' && value.prototype instanceof lib.PatternBase;
  });

  test('the library exports the six patterns', () => {
    expect(patterns.sort()).toEqual([
      'BatchJob',
      'NodeAgent',
      'ScheduledJob',
      'StatefulService',
      'WebService',
      'Worker',
    ]);
  });

  test.each(patterns)('pattern %s has a page with its example and what it synthesizes', (name) => {
    const slug = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const file = `patterns/${slug}.html`;
    const page = textOf(read(file));
    expectIn(page, `new ${name}(chart, `, file); // the example
    expectIn(page, 'apiVersion: ', file); // what it synthesizes
    expectIn(page, `Props: ${name}Props`, file); // the props table
  });

  test("every command of the CLI has a page listing every option of the CLI's table", () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([
      'apply',
      'convert',
      'diff',
      'graph',
      'import',
      'init',
      'publish',
      'pull',
      'snapshot',
      'synth',
      'validate',
    ]);
    for (const command of COMMANDS) {
      const file = `cli/${command.name}.html`;
      const page = read(file);
      expectIn(textOf(page), `kubecraft ${command.name}`, file);
      // the options table: between the Options heading and the usage text
      const section = textOf(page.slice(page.indexOf('id="options"'), page.indexOf('id="usage-text"')));
      for (const o of command.options) {
        expectIn(section, flagsOf(o), `${file} (options)`); // e.g. `--format text|json`, whole in its cell
        for (const alias of o.aliases ?? []) expectIn(section, `--${alias}`, `${file} (options)`);
      }
    }
  });

  test('the API reference, the Kubernetes versions and the examples with their graphs are there', () => {
    expectIn(read('api/classes/WebService.html'), 'WebServiceProps', 'api/classes/WebService.html');
    const versions = textOf(read('kubernetes-versions.html'));
    for (const v of lib.KUBERNETES_VERSIONS) expectIn(versions, `Kubernetes ${v}`, 'kubernetes-versions.html');
    expectIn(versions, `The default is ${lib.DEFAULT_KUBERNETES_VERSION}`, 'kubernetes-versions.html');
    expect(versions).not.toMatch(/%[A-Z]+%/);
    expectIn(read('examples/index.html'), '/graphs/guestbook-prod-graph.svg', 'examples/index.html');
    expect(fs.existsSync(path.join(html, 'graphs', 'example-app-graph.svg'))).toBe(true);
  });
});

describe('links', () => {
  const attr = /\s(href|src)="([^"]*)"/g;

  /** The ids of a page, for anchors. */
  const ids = new Map<string, Set<string>>();
  function idsOf(file: string): Set<string> {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...fs.readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      ids.set(file, set);
    }
    return set;
  }

  function target(fromFile: string, url: string): string {
    const [p] = url.split('#');
    const resolved = p.startsWith('/')
      ? path.join(html, decodeURIComponent(p))
      : path.resolve(path.dirname(path.join(html, fromFile)), decodeURIComponent(p));
    if (p === '') return path.join(html, fromFile);
    if (resolved.endsWith(path.sep) || p.endsWith('/')) return path.join(resolved, 'index.html');
    return resolved;
  }

  test('every internal link and anchor resolves; nothing is loaded from the network', () => {
    const broken: string[] = [];
    const remote: string[] = [];
    let checked = 0;
    for (const file of htmlFiles()) {
      const page = read(file);
      for (const m of page.matchAll(attr)) {
        const url = m[2].replace(/&amp;/g, '&');
        if (/^(mailto:|javascript:|data:)/.test(url)) continue;
        if (/^[a-z]+:\/\//i.test(url) || url.startsWith('//')) {
          // a link to the web is fine; a script, style, image or font from it is not (offline)
          const tag = page.slice(page.lastIndexOf('<', m.index), m.index);
          if (!/^<a\b/.test(tag)) remote.push(`${file}: ${tag} ${url}`);
          continue;
        }
        checked++;
        const file2 = target(file, url);
        if (!fs.existsSync(file2)) {
          broken.push(`${file}: ${url} (no ${path.relative(html, file2)})`);
          continue;
        }
        const anchor = url.split('#')[1];
        if (anchor && file2.endsWith('.html') && !idsOf(file2).has(decodeURIComponent(anchor)))
          broken.push(`${file}: ${url} (no id "${anchor}" in ${path.relative(html, file2)})`);
      }
    }
    expect(broken).toEqual([]);
    expect(remote).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  });
});

// ---- the browser ----

const CHROMIUM_CANDIDATES = [process.env.KUBECRAFT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const chromiumPath = CHROMIUM_CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
const inCI = !['', 'false', '0'].includes(process.env.CI ?? '') || process.env.KUBECRAFT_REQUIRE_CHROMIUM === '1';
if (!chromiumPath && inCI)
  throw new Error(
    'chromium is required in CI for the browser test of the site (apt-get install chromium; .ci/run does)',
  );
if (!chromiumPath) console.warn('test/docs/site.test.ts: browser test SKIPPED: no chromium (apt-get install chromium)');
const browserTest = chromiumPath ? test : (name: string) => test.skip(`SKIPPED, no chromium: ${name}`, () => undefined);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** A static server of the built site on 127.0.0.1 (what `vitepress preview` or any web server does). */
function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    let file = path.join(html, url);
    if (!file.startsWith(html)) file = html;
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.readFileSync(path.join(html, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

browserTest(
  'in Chromium: the home page, a pattern page, a rule page and the search show what they should',
  async () => {
    const server = await serve();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-chromium-'));
    fs.mkdirSync(screenshots, { recursive: true });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      chromiumSandbox: false,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const offsite: string[] = [];
    const errors: string[] = [];
    try {
      // the site runs offline: any request that is not to the local server is refused and recorded
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
        offsite.push(url);
        return route.abort();
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (err) => errors.push(err.message));

      // the home page
      await page.goto(`${base}/index.html`, { waitUntil: 'networkidle' });
      await expectText(page, '.VPHero .name', 'kubecraft');
      await expectText(page, '.VPHero .tagline', 'cdk8s');
      await expectText(page, '.vp-doc div[class*="language-ts"] pre', 'new StatefulService');
      await page.screenshot({ path: path.join(screenshots, 'home.png'), fullPage: true });

      // a pattern page
      await page.goto(`${base}/patterns/web-service.html`, { waitUntil: 'networkidle' });
      await expectText(page, '.vp-doc h1', 'WebService');
      await expectText(page, '.vp-doc div[class*="language-ts"] pre', 'new WebService(chart');
      await expectText(page, '.vp-doc div[class*="language-yaml"] pre', 'kind: Deployment');
      await expectText(page, '.VPSidebar', 'ScheduledJob');
      await page.screenshot({ path: path.join(screenshots, 'pattern-web-service.png'), fullPage: false });

      // a rule page
      await page.goto(`${base}/rules/policy/host-path.html`, { waitUntil: 'networkidle' });
      await expectText(page, '.vp-doc h1', 'policy/host-path');
      await expectText(page, '.vp-doc h2#bad', 'Bad');
      await expectText(page, '.vp-doc h2#good', 'Good');
      await expectText(page, '.vp-doc div[class*="language-text"] pre', 'ERROR [policy/host-path]');
      await page.screenshot({ path: path.join(screenshots, 'rule-policy-host-path.png'), fullPage: false });

      // the search (local: its index is part of the site), for an API symbol
      await page.goto(`${base}/index.html`, { waitUntil: 'networkidle' });
      await page.locator('.VPNavBarSearch button').first().click();
      const input = page.locator('#localsearch-input');
      await input.waitFor({ state: 'visible' });
      await input.fill('WebServiceProps');
      const results = page.locator('.VPLocalSearchBox .results .result');
      await results.first().waitFor({ state: 'visible', timeout: 20_000 });
      const titles = await results.allInnerTexts();
      expect(titles.join('\n')).toContain('WebServiceProps');
      await page.screenshot({ path: path.join(screenshots, 'search-webserviceprops.png'), fullPage: false });
      await results.filter({ hasText: 'Interface: WebServiceProps' }).first().click();
      await page.waitForURL(/\/api\/interfaces\/WebServiceProps\.html/, { timeout: 20_000 });
      await expectText(page, '.vp-doc h1', 'WebServiceProps');
      await page.screenshot({ path: path.join(screenshots, 'search-result-api.png'), fullPage: false });
    } finally {
      await context.close();
      server.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
  },
  120_000,
);

async function expectText(page: import('playwright-core').Page, selector: string, text: string): Promise<void> {
  const locator = page.locator(selector).filter({ hasText: text }).first();
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
  expect(await locator.innerText()).toContain(text);
}
