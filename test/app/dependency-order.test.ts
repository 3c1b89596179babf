import { App, DependencyGraph } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import fc from 'fast-check';
import { dependencyOrder } from '../../lib/app/dependency-order';

/**
 * A construct tree from `parents` (construct i + 1 is a child of construct parents[i], 0 the
 * root) with dependencies from `deps` ([from, to] pairs, kept only from a later construct to an
 * earlier one, so that there is no cycle).
 */
function tree(parents: readonly number[], deps: readonly [number, number][]): IConstruct[] {
  const nodes: IConstruct[] = [new App()];
  parents.forEach((p, i) => nodes.push(new Construct(nodes[p % nodes.length], `c${i}`)));
  for (const [a, b] of deps) {
    const from = a % nodes.length;
    const to = b % nodes.length;
    if (from > to) nodes[from].node.addDependency(nodes[to]);
  }
  return nodes;
}

const paths = (cs: readonly IConstruct[]) => cs.map((c) => c.node.path);

describe('dependencyOrder', () => {
  test('is the order of cdk8s DependencyGraph.topology(), from the root and from any subtree', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
        fc.nat(),
        (parents, deps, pick) => {
          const nodes = tree(parents, deps);
          const scope = nodes[pick % nodes.length];
          expect(paths(dependencyOrder(scope))).toEqual(paths(new DependencyGraph(scope.node).topology()));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('refuses a cycle, naming it', () => {
    const app = new App();
    const a = new Construct(app, 'a');
    const b = new Construct(app, 'b');
    const c = new Construct(b, 'c');
    a.node.addDependency(c);
    c.node.addDependency(b);
    b.node.addDependency(a);
    expect(() => dependencyOrder(app)).toThrow('Dependency cycle detected: a => b/c => b => a');
  });

  test('ignores dependencies outside the subtree and on itself', () => {
    const app = new App();
    const outside = new Construct(app, 'outside');
    const scope = new Construct(app, 'scope');
    const x = new Construct(scope, 'x');
    const y = new Construct(scope, 'y');
    x.node.addDependency(outside, x, y);
    expect(paths(dependencyOrder(scope))).toEqual(['scope', 'scope/y', 'scope/x']);
  });
});
