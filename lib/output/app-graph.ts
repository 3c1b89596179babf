import { spawnSync } from 'child_process';
import { containersOf, Manifest, podLabelsOf, podReferencesOf, podSpecOf, WORKLOAD_KINDS } from '../core';
import { Selector, SelectorSpec } from '../selectors/selector';

/** A resource in the graph. */
export interface GraphNode {
  /** `Kind/namespace/name`. */
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** What an edge means. */
export type GraphEdgeKind = 'selects' | 'routes' | 'uses' | 'scales' | 'guards' | 'binds' | 'allows' | 'dns';

/** A relation between two resources (or from outside the cluster, `OUTSIDE`). */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** Extra detail, e.g. the port of an `allows` edge. */
  readonly label?: string;
}

/** The synthesized app as a graph. */
export interface AppGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** The pseudo-node for traffic from outside the cluster. */
export const OUTSIDE = 'outside';

/** Kinds drawn as edges or clusters rather than nodes. */
const NOT_NODES = new Set(['Namespace', 'NetworkPolicy']);

/**
 * Builds the graph of a set of manifests: resources as nodes (grouped by namespace), and edges
 * for Service → workload selection, Ingress → Service routing, workload → ConfigMap / Secret /
 * PVC / ServiceAccount use, HPA / PDB → workload, (Cluster)RoleBinding → role and subjects,
 * traffic allowed by NetworkPolicies, and DNS wiring (a workload whose environment or
 * configuration names a Service's DNS name).
 */
export function buildAppGraph(manifests: readonly Manifest[]): AppGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const idOf = (m: Manifest) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name ?? ''}`;
  const byKey = new Map<string, Manifest>();
  for (const m of manifests) {
    byKey.set(idOf(m), m);
    if (!NOT_NODES.has(m.kind))
      nodes.push({ id: idOf(m), kind: m.kind, name: m.metadata.name ?? '', namespace: m.metadata.namespace ?? '' });
  }
  const add = (from: string, to: string, kind: GraphEdgeKind, label?: string) => {
    const key = `${from}|${to}|${kind}|${label ?? ''}`;
    if (from === to || seen.has(key) || (from !== OUTSIDE && !byKey.has(from)) || !byKey.has(to)) return;
    seen.add(key);
    edges.push({ from, to, kind, label });
  };
  const workloads = manifests.filter((m) => WORKLOAD_KINDS.has(m.kind));
  const selected = (ns: string, selector: SelectorSpec | undefined) =>
    selector
      ? workloads.filter((w) => (w.metadata.namespace ?? '') === ns && Selector.matches(selector, podLabelsOf(w) ?? {}))
      : [];
  const services = manifests.filter((m) => m.kind === 'Service');

  for (const m of manifests as any[]) {
    const ns = m.metadata.namespace ?? '';
    const ref = (kind: string, name: string, namespace = ns) => `${kind}/${namespace}/${name}`;
    switch (m.kind) {
      case 'Service':
        if (m.spec?.selector)
          for (const w of selected(ns, { matchLabels: m.spec.selector })) add(idOf(m), idOf(w), 'selects');
        break;
      case 'Ingress': {
        const backends = [
          m.spec?.defaultBackend,
          ...(m.spec?.rules ?? []).flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => p.backend)),
        ];
        for (const b of backends)
          if (b?.service)
            add(
              idOf(m),
              ref('Service', b.service.name),
              'routes',
              String(b.service.port?.number ?? b.service.port?.name ?? ''),
            );
        add(OUTSIDE, idOf(m), 'routes');
        break;
      }
      case 'HorizontalPodAutoscaler':
        if (m.spec?.scaleTargetRef) add(idOf(m), ref(m.spec.scaleTargetRef.kind, m.spec.scaleTargetRef.name), 'scales');
        break;
      case 'PodDisruptionBudget':
        for (const w of selected(ns, m.spec?.selector)) add(idOf(m), idOf(w), 'guards');
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        if (m.roleRef)
          add(
            idOf(m),
            m.roleRef.kind === 'ClusterRole' ? ref('ClusterRole', m.roleRef.name, '') : ref('Role', m.roleRef.name),
            'binds',
          );
        for (const s of m.subjects ?? [])
          if (s.kind === 'ServiceAccount') add(idOf(m), ref('ServiceAccount', s.name, s.namespace ?? ns), 'binds');
        break;
      case 'NetworkPolicy':
        addPolicyEdges(m, selected, add, idOf);
        break;
      default:
        break;
    }
    const pod = podSpecOf(m);
    if (pod) {
      const texts: string[] = [];
      for (const r of podReferencesOf(pod)) {
        if (r.key !== undefined && r.via !== 'env') continue; // a volume item: its object is already an edge
        add(idOf(m), ref(r.kind, r.name), 'uses');
        if (r.kind === 'ConfigMap' && r.via === 'volume') {
          texts.push(...Object.values<string>((byKey.get(ref('ConfigMap', r.name))?.data as any) ?? {}));
        }
      }
      for (const { container: c } of containersOf(pod)) {
        for (const e of Array.isArray(c.env) ? c.env : []) if (typeof e?.value === 'string') texts.push(e.value);
        for (const list of [c.command, c.args])
          if (Array.isArray(list)) texts.push(...list.filter((t) => typeof t === 'string'));
      }
      for (const s of services) {
        const dns = `${s.metadata.name}.${s.metadata.namespace ?? ''}.svc.cluster.local`;
        if (texts.some((t) => t.includes(dns))) add(idOf(m), idOf(s), 'dns');
      }
    }
  }
  return { nodes, edges };
}

function addPolicyEdges(
  policy: any,
  selected: (ns: string, s: SelectorSpec | undefined) => Manifest[],
  add: (from: string, to: string, kind: GraphEdgeKind, label?: string) => void,
  idOf: (m: Manifest) => string,
): void {
  const ns = policy.metadata.namespace ?? '';
  const selector = policy.spec?.podSelector ?? {};
  if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) return; // namespace-wide (default deny)
  const targets = selected(ns, selector);
  for (const rule of policy.spec?.ingress ?? []) {
    const ports = (rule.ports ?? []).map((p: any) => p.port).join(',');
    for (const peer of rule.from ?? []) {
      const peerNs = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? ns;
      const sources = peer.ipBlock ? [undefined] : selected(peerNs, peer.podSelector);
      for (const src of sources)
        for (const t of targets) add(src ? idOf(src) : OUTSIDE, idOf(t), 'allows', ports ? `:${ports}` : undefined);
    }
  }
}

const SHAPES: Record<string, string> = {
  Deployment: 'box3d',
  StatefulSet: 'box3d',
  DaemonSet: 'box3d',
  ReplicaSet: 'box3d',
  Job: 'box',
  CronJob: 'box',
  Pod: 'box',
  Service: 'ellipse',
  Ingress: 'house',
  ConfigMap: 'note',
  Secret: 'note',
  PersistentVolumeClaim: 'cylinder',
  HorizontalPodAutoscaler: 'diamond',
  PodDisruptionBudget: 'diamond',
  ServiceAccount: 'egg',
};
const EDGE_STYLE: Record<GraphEdgeKind, string> = {
  selects: 'color="#1f77b4"',
  routes: 'color="#9467bd" penwidth=2',
  uses: 'color="#7f7f7f" style=dashed',
  scales: 'color="#ff7f0e" style=dotted',
  guards: 'color="#ff7f0e" style=dotted',
  binds: 'color="#8c564b" style=dashed',
  allows: 'color="#2ca02c" style=bold',
  dns: 'color="#d62728"',
};

/** Graphviz DOT: one cluster per namespace, shapes per kind, a legend in the edge labels. */
export function toDot(graph: AppGraph, title = 'kubecraft app'): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = [
    `digraph ${q(title)} {`,
    '  graph [rankdir=LR fontname="Helvetica" fontsize=12 labelloc=t label=' + q(title) + ' nodesep=0.25 ranksep=0.6];',
    '  node [fontname="Helvetica" fontsize=10 style=filled fillcolor="#f7f7f7"];',
    '  edge [fontname="Helvetica" fontsize=9];',
  ];
  if (graph.edges.some((e) => e.from === OUTSIDE))
    lines.push(`  ${OUTSIDE} [label="outside the cluster" shape=doublecircle fillcolor="#fde0dd"];`);
  const namespaces = [...new Set(graph.nodes.map((n) => n.namespace))].sort();
  namespaces.forEach((ns, i) => {
    const members = graph.nodes.filter((n) => n.namespace === ns);
    const indent = ns ? '    ' : '  ';
    if (ns)
      lines.push(`  subgraph cluster_${i} {`, `    label=${q(`namespace ${ns}`)}; style=rounded; color="#bbbbbb";`);
    for (const n of members)
      lines.push(
        `${indent}${index.get(n.id)} [label=${q(`${n.kind}\n${n.name}`)} shape=${SHAPES[n.kind] ?? 'component'}];`,
      );
    if (ns) lines.push('  }');
  });
  for (const e of graph.edges) {
    const from = e.from === OUTSIDE ? OUTSIDE : index.get(e.from);
    const to = index.get(e.to);
    if (!from || !to) continue;
    lines.push(`  ${from} -> ${to} [label=${q(e.label ? `${e.kind} ${e.label}` : e.kind)} ${EDGE_STYLE[e.kind]}];`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** Mermaid flowchart of the same graph (renders on GitHub). */
export function toMermaid(graph: AppGraph): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  if (graph.edges.some((e) => e.from === OUTSIDE)) lines.push(`  ${OUTSIDE}(("outside"))`);
  const namespaces = [...new Set(graph.nodes.map((n) => n.namespace))].sort();
  namespaces.forEach((ns, i) => {
    if (ns) lines.push(`  subgraph ns${i}["namespace ${ns}"]`);
    for (const n of graph.nodes.filter((x) => x.namespace === ns))
      lines.push(`    ${index.get(n.id)}["${n.kind}<br/>${n.name}"]`);
    if (ns) lines.push('  end');
  });
  for (const e of graph.edges) {
    const from = e.from === OUTSIDE ? OUTSIDE : index.get(e.from);
    const to = index.get(e.to);
    if (from && to) lines.push(`  ${from} -->|${e.label ? `${e.kind} ${e.label}` : e.kind}| ${to}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Renders DOT graphs to SVG with Graphviz (compiled to WebAssembly, `@viz-js/viz`). The library
 * is asynchronous; this runs it once, for all graphs, in a short-lived child process so that
 * synthesis stays synchronous.
 */
export function renderSvgs(dots: readonly string[]): string[] {
  if (dots.length === 0) return [];
  const viz = require.resolve('@viz-js/viz');
  // the renderer process: reads a JSON list of DOT sources on stdin, writes the SVGs as JSON
  const script = [
    `require(${JSON.stringify(viz)}).instance().then((v) => {`,
    "  let s = '';",
    "  process.stdin.on('data', (d) => { s += d; });",
    "  process.stdin.on('end', () => {",
    "    const svgs = JSON.parse(s).map((dot) => v.renderString(dot, { format: 'svg' }));",
    '    process.stdout.write(JSON.stringify(svgs));',
    '  });',
    '});',
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], {
    input: JSON.stringify(dots),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`rendering the app graph failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

/** Renders one DOT graph to SVG (see `renderSvgs`). */
export function renderSvg(dot: string): string {
  return renderSvgs([dot])[0];
}
