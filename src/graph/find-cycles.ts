import type { Dag } from './dag.js';

/**
 * One cycle per strongly connected component of the graph, each as the list
 * of nodes along it in the direction work flows (`a` before `b` in
 * `[a, b, c]` means b needs a, c needs b and a needs c). Each is a shortest
 * cycle through the component's first node in file order, so the report is
 * short and the same on every run. Iterative: deep graphs do not overflow.
 */
export function findCycles(dag: Dag): number[][] {
  const cycles: number[][] = [];
  for (const component of stronglyConnectedComponents(dag)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const start = component.reduce((a, b) => Math.min(a, b));
    cycles.push(shortestCycleThrough(dag, start, members));
  }
  return cycles.sort((a, b) => (a[0] as number) - (b[0] as number));
}

function shortestCycleThrough(dag: Dag, start: number, members: Set<number>): number[] {
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const next = [...(dag.succs[node] as number[])].sort((a, b) => a - b);
    for (const to of next) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as number) as number);
        return path;
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start]; // unreachable for a component of two or more nodes
}

/** Tarjan's algorithm with an explicit stack. */
function stronglyConnectedComponents(dag: Dag): number[][] {
  const count = dag.names.length;
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [node, edge] = frame;
      if (edge === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      const targets = dag.succs[node] as number[];
      if (edge < targets.length) {
        frame[1] = edge + 1;
        const to = targets[edge] as number;
        if (index[to] === -1) work.push([to, 0]);
        else if (onStack[to]) low[node] = Math.min(low[node] as number, index[to] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[node] as number);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}
