import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExampleApp } from '../../examples/example-app';
import { KubecraftApp } from '../../lib';
import { buildAppGraph, toDot } from '../../lib/output/app-graph';

test('the graphs in docs/ are those of the current example app (npm run docs:graph)', () => {
  const files = buildExampleApp(
    new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-docs-')) }),
  ).render();
  const dotOf = (folder: string, title: string) =>
    toDot(
      buildAppGraph(files.filter((f) => f.folder === folder).flatMap((f) => f.objects.map((o) => o.manifest))),
      title,
    );
  const docs = path.join(__dirname, '..', '..', 'docs');
  expect(fs.readFileSync(path.join(docs, 'example-app-graph.dot'), 'utf8')).toBe(dotOf('', 'kubecraft app'));
  expect(fs.readFileSync(path.join(docs, 'guestbook-prod-graph.dot'), 'utf8')).toBe(
    dotOf('prod', 'kubecraft app: prod'),
  );
});
