// The documentation site's VitePress configuration. scripts/build-site.mjs copies docs/site/ into
// docs/.site-build/src/, adds the pages it generates from code (patterns, rules, CLI, Kubernetes
// versions, examples) and the API reference (typedoc), writes the generated sidebars next to
// this file (generated-sidebars.json), and builds the site into docs/.site-build/html/.
// Everything is local: no fonts, scripts or search service from the network.
import { defineConfig, type DefaultTheme } from 'vitepress';
import apiSidebar from '../api/typedoc-sidebar.json';
import generated from './generated-sidebars.json';

type Sidebar = DefaultTheme.SidebarItem[];
const sidebars = generated as unknown as Record<'patterns' | 'rules' | 'cli' | 'examples', Sidebar>;

const guide: Sidebar = [
  {
    text: 'Guide',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Kubernetes versions', link: '/kubernetes-versions' },
    ],
  },
  {
    text: 'Concepts',
    items: [
      { text: 'Apps and charts', link: '/concepts/charts' },
      { text: 'Patterns', link: '/concepts/patterns' },
      { text: 'Wiring and networking', link: '/concepts/networking' },
      { text: 'Validation', link: '/concepts/validation' },
      { text: 'Relaxations and externals', link: '/concepts/relaxations' },
      { text: 'Environments', link: '/concepts/environments' },
      { text: 'Custom resources and CRDs', link: '/concepts/custom-resources' },
      { text: 'Upstream YAML and Helm', link: '/concepts/upstream' },
      { text: 'Output and install phases', link: '/concepts/output' },
      { text: 'Delivery', link: '/concepts/delivery' },
      { text: 'Day two: diffs and rollbacks', link: '/concepts/day-two' },
      { text: 'Testing your app', link: '/concepts/testing' },
    ],
  },
];

export default defineConfig({
  title: 'kubecraft',
  description: 'Typed Kubernetes applications as code on cdk8s: validated, deterministic manifests',
  lang: 'en-US',
  outDir: '../html',
  // partials (included by pages, never pages of their own) and the example sources
  srcExclude: ['**/_*.md', '_generated/**', 'snippets/**'],
  cleanUrls: false,
  lastUpdated: false,
  // a broken link between pages fails the build (the site test checks anchors too)
  ignoreDeadLinks: false,
  markdown: { theme: { light: 'github-light', dark: 'github-dark' } },
  vite: { build: { chunkSizeWarningLimit: 4096, reportCompressedSize: false } },
  themeConfig: {
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    nav: [
      { text: 'Guide', link: '/guide/getting-started', activeMatch: '^/(guide|concepts)/' },
      { text: 'Patterns', link: '/patterns/', activeMatch: '^/patterns/' },
      { text: 'Rules', link: '/rules/', activeMatch: '^/rules/' },
      { text: 'CLI', link: '/cli/', activeMatch: '^/cli/' },
      { text: 'API', link: '/api/', activeMatch: '^/api/' },
      { text: 'Examples', link: '/examples/', activeMatch: '^/examples/' },
      { text: 'Versions', link: '/kubernetes-versions' },
    ],
    sidebar: {
      '/guide/': guide,
      '/concepts/': guide,
      '/kubernetes-versions': guide,
      '/patterns/': sidebars.patterns,
      '/rules/': sidebars.rules,
      '/cli/': sidebars.cli,
      '/examples/': sidebars.examples,
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar as Sidebar }],
    },
    footer: { message: 'kubecraft: Apache-2.0. Built from the repository by npm run docs.' },
  },
});
