exports.id = 556;
exports.ids = [556];
exports.modules = {

/***/ 7084:
/***/ ((module) => {


/**
 * Topological sorting function
 *
 * @param {Array} edges
 * @returns {Array}
 */

module.exports = function(edges) {
  return toposort(uniqueNodes(edges), edges)
}

module.exports.array = toposort

function toposort(nodes, edges) {
  var cursor = nodes.length
    , sorted = new Array(cursor)
    , visited = {}
    , i = cursor
    // Better data structures make algorithm much faster.
    , outgoingEdges = makeOutgoingEdges(edges)
    , nodesHash = makeNodesHash(nodes)

  // check for unknown nodes
  edges.forEach(function(edge) {
    if (!nodesHash.has(edge[0]) || !nodesHash.has(edge[1])) {
      throw new Error('Unknown node. There is an unknown node in the supplied edges.')
    }
  })

  while (i--) {
    if (!visited[i]) visit(nodes[i], i, new Set())
  }

  return sorted

  function visit(node, i, predecessors) {
    if(predecessors.has(node)) {
      var nodeRep
      try {
        nodeRep = ", node was:" + JSON.stringify(node)
      } catch(e) {
        nodeRep = ""
      }
      throw new Error('Cyclic dependency' + nodeRep)
    }

    if (!nodesHash.has(node)) {
      throw new Error('Found unknown node. Make sure to provided all involved nodes. Unknown node: '+JSON.stringify(node))
    }

    if (visited[i]) return;
    visited[i] = true

    var outgoing = outgoingEdges.get(node) || new Set()
    outgoing = Array.from(outgoing)

    if (i = outgoing.length) {
      predecessors.add(node)
      do {
        var child = outgoing[--i]
        visit(child, nodesHash.get(child), predecessors)
      } while (i)
      predecessors.delete(node)
    }

    sorted[--cursor] = node
  }
}

function uniqueNodes(arr){
  var res = new Set()
  for (var i = 0, len = arr.length; i < len; i++) {
    var edge = arr[i]
    res.add(edge[0])
    res.add(edge[1])
  }
  return Array.from(res)
}

function makeOutgoingEdges(arr){
  var edges = new Map()
  for (var i = 0, len = arr.length; i < len; i++) {
    var edge = arr[i]
    if (!edges.has(edge[0])) edges.set(edge[0], new Set())
    if (!edges.has(edge[1])) edges.set(edge[1], new Set())
    edges.get(edge[0]).add(edge[1])
  }
  return edges
}

function makeNodesHash(arr){
  var res = new Map()
  for (var i = 0, len = arr.length; i < len; i++) {
    res.set(arr[i], i)
  }
  return res
}


/***/ }),

/***/ 1556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderGraph: () => (/* binding */ renderGraph)
});

// EXTERNAL MODULE: ./src/render/cluster-tree.ts
var cluster_tree = __webpack_require__(2175);
// EXTERNAL MODULE: ./src/render/printable.ts
var printable = __webpack_require__(8359);
;// CONCATENATED MODULE: ./src/render/graph-dot.ts


/**
 * The DAG in Graphviz dot: stages and display groups as clusters. A need on
 * a stage is drawn from (or to) the stage's cluster: `compound=true` with an
 * anchor node inside the cluster and ltail/lhead.
 */
function graphToDot(pipeline) {
    const lines = [
        `digraph ${quote(pipeline.name)} {`,
        '  rankdir=LR;',
        '  compound=true;',
        '  node [shape=box, style=rounded];',
    ];
    const tree = (0,cluster_tree/* clusterTree */.P)(pipeline);
    const anchors = new Map();
    const emit = (cluster, indent) => {
        for (const task of cluster.tasks) {
            const shape = task.action.kind === 'pipeline' ? ', shape=component' : '';
            lines.push(`${indent}${quote(task.id)} [label=${quote((0,cluster_tree/* taskLabel */.E)(task))}${shape}];`);
        }
        for (const child of cluster.children) {
            lines.push(`${indent}subgraph ${quote(`cluster_${child.key}`)} {`);
            lines.push(`${indent}  label=${quote(child.kind === 'stage' ? `stage: ${child.name}` : child.name)};`);
            emit(child, `${indent}  `);
            if (child.kind === 'stage') {
                const first = firstTask(child);
                let node = first;
                if (node === undefined) {
                    node = `stage:${child.name}`;
                    lines.push(`${indent}  ${quote(node)} [shape=point, style=invis];`);
                }
                anchors.set(child.name, { node, cluster: `cluster_${child.key}` });
            }
            lines.push(`${indent}}`);
        }
    };
    emit(tree, '  ');
    const edge = (from, to, toIsStage) => {
        const source = pipeline.tasks.has(from) ? { node: from, cluster: undefined } : anchors.get(from);
        const target = toIsStage ? anchors.get(to) : { node: to, cluster: undefined };
        if (!source || !target)
            return;
        const attrs = [
            source.cluster && `ltail=${quote(source.cluster)}`,
            target.cluster && `lhead=${quote(target.cluster)}`,
        ].filter(Boolean);
        lines.push(`  ${quote(source.node)} -> ${quote(target.node)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
    };
    for (const task of pipeline.tasks.values())
        for (const need of task.needs)
            edge(need, task.id, false);
    for (const stage of pipeline.stages.values())
        for (const need of stage.needs)
            edge(need, stage.name, true);
    lines.push('}');
    return `${lines.join('\n')}\n`;
}
function firstTask(cluster) {
    if (cluster.tasks[0])
        return cluster.tasks[0].id;
    for (const child of cluster.children) {
        const found = firstTask(child);
        if (found)
            return found;
    }
    return undefined;
}
/** A DOT string: each line printable (printable.ts), then escaped for DOT; line breaks as DOT's `\n`. */
function quote(text) {
    const lines = text.split('\n').map((line) => (0,printable/* printable */.g$)(line).replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
    return `"${lines.join('\\n')}"`;
}

// EXTERNAL MODULE: ./src/graph/dag.ts
var graph_dag = __webpack_require__(3148);
// EXTERNAL MODULE: ./src/graph/longest-path.ts
var longest_path = __webpack_require__(5984);
;// CONCATENATED MODULE: ./src/render/graph-json.ts


function graphToJson(pipeline) {
    const dag = (0,graph_dag/* dagOf */.mb)(pipeline);
    const levels = (0,longest_path/* longestPaths */.Jp)(dag, (0,graph_dag/* orderOf */.mJ)(dag) ?? [], () => 1);
    const tasks = [];
    const edges = [];
    const byLevel = [];
    for (const stage of pipeline.stages.values())
        for (const need of stage.needs)
            edges.push({ from: need, to: stage.name });
    for (const task of pipeline.tasks.values()) {
        const node = dag.taskIndex.get(task.id);
        const level = levels.weight[node];
        const stageNeeds = task.stage === undefined ? [] : (pipeline.stages.get(task.stage)?.needs ?? []);
        for (const from of task.needs)
            edges.push({ from, to: task.id });
        (byLevel[level - 1] ??= []).push(task.id);
        tasks.push({
            id: task.id,
            ...(task.name !== undefined && { name: task.name }),
            ...(task.stage !== undefined && { stage: task.stage }),
            ...(task.group !== undefined && { group: task.group }),
            kind: task.action.kind,
            ...(task.if !== undefined && { if: task.if }),
            needs: task.needs,
            waitsFor: [...new Set([...task.needs, ...stageNeeds])],
            ...(task.matrix && {
                matrix: {
                    ...Object.fromEntries(task.matrix.axes.map((a) => [a.name, a.values])),
                    ...(task.matrix.include.length && { include: task.matrix.include }),
                    ...(task.matrix.exclude.length && { exclude: task.matrix.exclude }),
                },
            }),
            level,
        });
    }
    return {
        pipeline: pipeline.name,
        file: pipeline.file,
        sha256: pipeline.source.sha256,
        stages: [...pipeline.stages.values()].map((stage) => ({
            name: stage.name,
            ...(stage.if !== undefined && { if: stage.if }),
            needs: stage.needs,
            tasks: [...pipeline.tasks.values()].filter((t) => t.stage === stage.name).map((t) => t.id),
        })),
        tasks,
        edges,
        levels: byLevel.filter((l) => l !== undefined),
    };
}

// EXTERNAL MODULE: ./src/render/graph-mermaid.ts
var graph_mermaid = __webpack_require__(4358);
;// CONCATENATED MODULE: ./src/cli/commands/graph.ts




function renderGraph(pipeline, format) {
    if (format === 'dot')
        return graphToDot(pipeline);
    if (format === 'json')
        return (0,printable/* printableJson */.et)(graphToJson(pipeline));
    return (0,graph_mermaid/* graphToMermaid */.f)(pipeline);
}


/***/ }),

/***/ 3148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cE: () => (/* binding */ isGate),
/* harmony export */   dA: () => (/* binding */ nodeLabel),
/* harmony export */   mJ: () => (/* binding */ orderOf),
/* harmony export */   mb: () => (/* binding */ dagOf)
/* harmony export */ });
/* unused harmony exports buildDag, topologicalOrder */
/* harmony import */ var toposort__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7084);
/* harmony import */ var toposort__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(toposort__WEBPACK_IMPORTED_MODULE_0__);

function isGate(dag, node) {
    return node >= dag.taskCount;
}
/** `load` for a task, `stage init` for a gate. */
function nodeLabel(dag, node) {
    return isGate(dag, node) ? `stage ${dag.names[node]}` : dag.names[node];
}
const dags = new WeakMap();
const orders = new WeakMap();
/** The DAG of a pipeline, built once and shared by the checker, the planner and the renderers. */
function dagOf(pipeline) {
    let dag = dags.get(pipeline);
    if (!dag)
        dags.set(pipeline, (dag = buildDag(pipeline)));
    return dag;
}
/** topologicalOrder, computed once per DAG. */
function orderOf(dag) {
    if (!orders.has(dag))
        orders.set(dag, topologicalOrder(dag));
    return orders.get(dag);
}
/**
 * Builds the DAG. Names that match no task or stage, a task needing itself or
 * its own stage, are left out here: checkPipeline reports them with their place.
 */
function buildDag(pipeline) {
    const names = [];
    const taskIndex = new Map();
    const gateIndex = new Map();
    for (const id of pipeline.tasks.keys()) {
        taskIndex.set(id, names.length);
        names.push(id);
    }
    const taskCount = names.length;
    for (const name of pipeline.stages.keys()) {
        gateIndex.set(name, names.length);
        names.push(name);
    }
    const preds = names.map(() => []);
    const succs = names.map(() => []);
    const link = (from, to) => {
        const into = preds[to];
        if (from === to || into.includes(from))
            return; // a task's own needs: a short list
        into.push(from);
        succs[from].push(to);
    };
    /** The node a `needs` entry names: a task first, then a stage. */
    const resolve = (name) => taskIndex.get(name) ?? gateIndex.get(name);
    for (const [id, task] of pipeline.tasks) {
        const node = taskIndex.get(id);
        const ownGate = task.stage === undefined ? undefined : gateIndex.get(task.stage);
        const stageNeeds = task.stage === undefined ? [] : (pipeline.stages.get(task.stage)?.needs ?? []);
        for (const need of [...task.needs, ...stageNeeds]) {
            const from = resolve(need);
            if (from !== undefined && from !== ownGate)
                link(from, node);
        }
        if (ownGate !== undefined) {
            // Each task joins its stage once: no need to scan the stage's (long) list for duplicates.
            preds[ownGate].push(node);
            succs[node].push(ownGate);
        }
    }
    return { names, taskCount, taskIndex, gateIndex, preds, succs };
}
/**
 * The nodes in an order where every node comes after what it waits for,
 * computed with `toposort`; undefined when the graph has a cycle (findCycles
 * then names it).
 */
function topologicalOrder(dag) {
    const nodes = dag.names.map((_, i) => i);
    const edges = [];
    dag.succs.forEach((targets, from) => {
        for (const to of targets)
            edges.push([from, to]);
    });
    try {
        return toposort__WEBPACK_IMPORTED_MODULE_0___default().array(nodes, edges);
    }
    catch (error) {
        if (error instanceof Error && error.message.startsWith('Cyclic dependency'))
            return undefined;
        throw error;
    }
}


/***/ }),

/***/ 5984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jp: () => (/* binding */ longestPaths),
/* harmony export */   vC: () => (/* binding */ criticalPath)
/* harmony export */ });
/* unused harmony export pathTo */
/* harmony import */ var _dag_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3148);

/**
 * The heaviest path to every node, in one pass over a topological order.
 * Gates weigh nothing; a task weighs `taskWeight(node)`, and counts toward
 * `length` when `counts(node)` holds. Waves use weight 1 per running task;
 * the critical path uses estimated durations.
 */
function longestPaths(dag, order, taskWeight, counts = () => true) {
    const size = dag.names.length;
    const weight = new Array(size).fill(0);
    const length = new Array(size).fill(0);
    const via = new Array(size).fill(-1);
    for (const node of order) {
        let bestWeight = 0;
        let bestLength = 0;
        let best = -1;
        for (const p of dag.preds[node]) {
            const w = weight[p];
            const l = length[p];
            if (w > bestWeight || (w === bestWeight && l > bestLength) || (best === -1 && (w > 0 || l > 0))) {
                bestWeight = w;
                bestLength = l;
                best = p;
            }
        }
        const own = (0,_dag_js__WEBPACK_IMPORTED_MODULE_0__/* .isGate */ .cE)(dag, node) ? 0 : taskWeight(node);
        weight[node] = bestWeight + own;
        length[node] = bestLength + (!(0,_dag_js__WEBPACK_IMPORTED_MODULE_0__/* .isGate */ .cE)(dag, node) && counts(node) ? 1 : 0);
        via[node] = best;
    }
    return { weight, length, via };
}
/** The task nodes along the path ending at `end`, first to last (gates left out). */
function pathTo(dag, paths, end) {
    const path = [];
    for (let node = end; node !== -1; node = paths.via[node]) {
        if (!(0,_dag_js__WEBPACK_IMPORTED_MODULE_0__/* .isGate */ .cE)(dag, node))
            path.unshift(node);
    }
    return path;
}
/**
 * The critical path: the heaviest chain of tasks (ties: the one with more tasks), first to last.
 * `estimateOf` gives a task node's expected duration; when no task has one, every task weighs 1
 * and the path is the longest chain. Only `included` task nodes weigh and count.
 */
function criticalPath(dag, order, estimateOf, included = () => true) {
    let estimated = false;
    for (let node = 0; node < dag.taskCount; node++)
        if (estimateOf(node) !== undefined)
            estimated = true;
    const paths = longestPaths(dag, order, (node) => (!included(node) ? 0 : estimated ? (estimateOf(node) ?? 0) : 1), included);
    let end = -1;
    for (let node = 0; node < dag.taskCount; node++) {
        if (!included(node))
            continue;
        const weight = paths.weight[node];
        const endWeight = end === -1 ? 0 : paths.weight[end];
        if (end === -1 ||
            weight > endWeight ||
            (weight === endWeight && paths.length[node] > paths.length[end]))
            end = node;
    }
    if (end === -1)
        return { nodes: [] };
    const nodes = pathTo(dag, paths, end).filter(included);
    return estimated ? { nodes, estimateMs: nodes.reduce((sum, node) => sum + (estimateOf(node) ?? 0), 0) } : { nodes };
}


/***/ }),

/***/ 3033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eh: () => (/* binding */ expandMatrix),
/* harmony export */   VY: () => (/* binding */ legIdentity),
/* harmony export */   WS: () => (/* binding */ matrixKeys),
/* harmony export */   ue: () => (/* binding */ legName)
/* harmony export */ });
/* unused harmony export canonicalJson */
/**
 * The legs of a matrix, with GitHub Actions' semantics: the product of the
 * axes (first axis slowest), minus every leg an `exclude` entry matches, then
 * each `include` entry is added to every leg it can extend without
 * overwriting an axis value, or becomes a leg of its own when it extends none.
 * `values` of an axis given as an expression must be resolved first
 * (`resolvedAxes`).
 */
function expandMatrix(matrix, resolvedAxes) {
    let legs = [{}];
    const axisNames = matrix.axes.map((a) => a.name);
    for (const axis of matrix.axes) {
        const values = Array.isArray(axis.values) ? axis.values : (resolvedAxes?.get(axis.name) ?? []);
        const next = [];
        for (const leg of legs)
            for (const value of values)
                next.push({ ...leg, [axis.name]: value });
        legs = next;
    }
    if (matrix.axes.length === 0)
        legs = [];
    legs = legs.filter((leg) => !matrix.exclude.some((ex) => matches(leg, ex)));
    const base = legs.map((leg) => ({ ...leg }));
    for (const entry of matrix.include) {
        let extended = false;
        base.forEach((original, i) => {
            // An include entry applies to a leg when it agrees on every original axis it names.
            const agrees = Object.entries(entry).every(([k, v]) => !axisNames.includes(k) || original[k] === v);
            if (agrees) {
                Object.assign(legs[i], entry);
                extended = true;
            }
        });
        if (!extended)
            legs.push({ ...entry });
    }
    return legs;
}
function matches(leg, partial) {
    return Object.entries(partial).every(([k, v]) => leg[k] === v);
}
/** GitHub's leg name: `load (day)`, `build (linux, 20)`. */
function legName(taskId, leg) {
    if (!leg || Object.keys(leg).length === 0)
        return taskId;
    return `${taskId} (${Object.values(leg).map(String).join(', ')})`;
}
/** Every key a leg may have: the axes and the keys `include` adds. */
function matrixKeys(matrix) {
    const keys = new Set(matrix.axes.map((a) => a.name));
    for (const entry of matrix.include)
        for (const key of Object.keys(entry))
            keys.add(key);
    return [...keys];
}
/** A leg's matrix values as one text, whatever order their keys come in (no matrix: `null`). */
function legIdentity(leg) {
    return leg === undefined || leg === null || Object.keys(leg).length === 0 ? 'null' : canonicalJson(leg);
}
/** JSON with object keys sorted: the same values give the same text, whatever order they came in. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object')
        return `{${Object.keys(value)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
            .join(',')}}`;
    return JSON.stringify(value);
}


/***/ }),

/***/ 2175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ taskLabel),
/* harmony export */   P: () => (/* binding */ clusterTree)
/* harmony export */ });
/* harmony import */ var _plan_expand_matrix_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3033);

function clusterTree(pipeline) {
    const root = { kind: 'root', name: pipeline.name, key: 'root', tasks: [], children: [] };
    const stages = new Map();
    let stageCount = 0;
    for (const name of pipeline.stages.keys()) {
        const cluster = { kind: 'stage', name, key: `s${stageCount++}`, tasks: [], children: [] };
        stages.set(name, cluster);
        root.children.push(cluster);
    }
    let groupCount = 0;
    for (const task of pipeline.tasks.values()) {
        let cluster = (task.stage !== undefined && stages.get(task.stage)) || root;
        for (const part of (task.group ?? '').split('/').filter(Boolean)) {
            let child = cluster.children.find((c) => c.kind === 'group' && c.name === part);
            if (!child) {
                child = { kind: 'group', name: part, key: `g${groupCount++}`, tasks: [], children: [] };
                cluster.children.push(child);
            }
            cluster = child;
        }
        cluster.tasks.push(task);
    }
    return root;
}
/** A task's label in pictures: its id, its display name, and its matrix size. */
function taskLabel(task) {
    let label = task.name && task.name !== task.id ? `${task.id}: ${task.name}` : task.id;
    if (task.matrix) {
        const dynamic = task.matrix.axes.some((a) => !Array.isArray(a.values));
        label += dynamic ? ' (matrix at run time)' : ` (x${(0,_plan_expand_matrix_js__WEBPACK_IMPORTED_MODULE_0__/* .expandMatrix */ .Eh)(task.matrix).length})`;
    }
    if (task.action.kind === 'pipeline')
        label += ` -> ${task.action.path}`;
    return label;
}


/***/ }),

/***/ 4358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ mermaidText),
/* harmony export */   f: () => (/* binding */ graphToMermaid)
/* harmony export */ });
/* harmony import */ var _cluster_tree_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2175);

/**
 * The DAG as a Mermaid flowchart: stages as subgraphs, display groups nested
 * in them, edges as declared (a need on a stage is drawn to the stage box).
 * Node ids are positional (t0, s1, g2) so no task id can clash with Mermaid's
 * keywords (`end`, `graph`, ...); labels carry the names.
 */
function graphToMermaid(pipeline, options = {}) {
    const lines = ['flowchart LR'];
    const taskKey = new Map();
    [...pipeline.tasks.keys()].forEach((id, i) => taskKey.set(id, `t${i}`));
    const tree = (0,_cluster_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .clusterTree */ .P)(pipeline);
    const stageKey = new Map(tree.children.filter((c) => c.kind === 'stage').map((c) => [c.name, c.key]));
    const nodeKey = (name) => taskKey.get(name) ?? stageKey.get(name);
    const emit = (cluster, indent) => {
        for (const task of cluster.tasks) {
            const key = taskKey.get(task.id);
            const label = quote((0,_cluster_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .taskLabel */ .E)(task));
            lines.push(`${indent}${key}${task.action.kind === 'pipeline' ? `[[${label}]]` : `[${label}]`}`);
        }
        for (const child of cluster.children) {
            lines.push(`${indent}subgraph ${child.key}[${quote(child.kind === 'stage' ? `stage: ${child.name}` : child.name)}]`);
            emit(child, `${indent}  `);
            lines.push(`${indent}end`);
        }
    };
    emit(tree, '  ');
    for (const task of pipeline.tasks.values()) {
        for (const need of task.needs) {
            const from = nodeKey(need);
            if (from)
                lines.push(`  ${from} --> ${taskKey.get(task.id)}`);
        }
    }
    for (const stage of pipeline.stages.values()) {
        for (const need of stage.needs) {
            const from = nodeKey(need);
            if (from)
                lines.push(`  ${from} --> ${stageKey.get(stage.name)}`);
        }
    }
    if (options.statusClass) {
        // One line per class, naming its tasks: a large run's picture stays within Mermaid's text limit longer.
        const byClass = new Map();
        for (const id of pipeline.tasks.keys()) {
            const cls = options.statusClass(id);
            if (cls)
                byClass.set(cls, [...(byClass.get(cls) ?? []), taskKey.get(id)]);
        }
        for (const [cls, keys] of byClass)
            lines.push(`  class ${keys.join(',')} ${cls}`);
    }
    return `${lines.join('\n')}\n`;
}
/** A Mermaid label in double quotes. */
function quote(text) {
    return `"${mermaidText(text)}"`;
}
/**
 * Text that Mermaid shows as it is, in any diagram: every character that means something to one of
 * its parsers is written as Mermaid's entity code (`#35;`), which Mermaid turns back into the
 * character only when it draws. So a name can close no label (`"`, `]`), start no comment or
 * directive (`%%`, `%%{init}`), end no Gantt task text (`:`), make no HTML (`<img onerror=...>`)
 * and no Markdown label (a backquote); line breaks and other control characters become spaces.
 */
function mermaidText(text) {
    return text
        .replace(/[\x00-\x1f\x7f]+/g, ' ')
        .replace(MERMAID_SPECIAL, (c) => MERMAID_NAMED[c] ?? `#${c.charCodeAt(0)};`);
}
const MERMAID_SPECIAL = /[#%"<>&`:]/g;
const MERMAID_NAMED = { '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };


/***/ })

};
;