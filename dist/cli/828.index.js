"use strict";
exports.id = 828;
exports.ids = [828];
exports.modules = {

/***/ 2175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

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


/***/ }),

/***/ 2424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D9: () => (/* binding */ markdownCode),
/* harmony export */   p7: () => (/* binding */ markdownText),
/* harmony export */   zW: () => (/* binding */ fencedBlock)
/* harmony export */ });
/* unused harmony export htmlText */
/**
 * User values (task and file names, params, error messages) in GitHub Markdown: shown as the text
 * they are, never as markup. HTML's special characters become entities (a task named
 * `<img src=x onerror=...>` is text), the Markdown punctuation that acts inside a line is escaped
 * with a backslash (no emphasis, code, link, image, math, mention or table cell boundary comes from
 * a value; values never begin a line, so line-start markers need nothing), and line breaks become
 * `<br>`, so a value stays inside its table cell or line.
 */
function markdownText(text) {
    return text
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => htmlText(line).replace(/[\\`*_[\]!|~$@]/g, '\\$&'))
        .join('<br>');
}
/**
 * A user value inside an HTML element a summary writes (a table cell, a heading, a `<pre>` line):
 * HTML's special characters as entities, control characters (line breaks too: a blank line would
 * end the HTML block, and what follows would be read as Markdown) as spaces.
 */
function htmlText(text) {
    return text.replace(/[\x00-\x1f\x7f]/g, ' ').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
/**
 * A value in a code span: for names and values, shown in a fixed font as typed. A code span shows
 * its content as it is, except that a run of backquotes ends it (so its fence is one backquote
 * longer than any inside) and, in a table cell, `|` still ends the cell (GFM): there it is escaped.
 */
function markdownCode(text, where = 'text') {
    if (text === '')
        return '';
    let flat = text.replace(/[\x00-\x1f\x7f]+/g, ' ');
    if (where === 'cell')
        flat = flat.replace(/\|/g, '\\|');
    const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/**
 * A fenced code block holding `body` as it is (control characters but tab shown as spaces): its
 * fence is longer than any run of backquotes in it, so no line of the body can close it.
 */
function fencedBlock(body, info = '') {
    const clean = body.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
    const fence = '`'.repeat(Math.max(3, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return `${fence}${info}\n${clean}\n${fence}`;
}


/***/ }),

/***/ 1828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E_: () => (/* binding */ MERMAID_TEXT_LIMIT),
/* harmony export */   Kc: () => (/* binding */ MERMAID_EDGE_LIMIT),
/* harmony export */   qN: () => (/* binding */ renderRunSummary)
/* harmony export */ });
/* unused harmony export JOB_SUMMARY_LIMIT */
/* harmony import */ var _pipeline_format_model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4135);
/* harmony import */ var _graph_mermaid_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4358);
/* harmony import */ var _markdown_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2424);



/** GitHub's limit for one step's job summary (bytes). */
const JOB_SUMMARY_LIMIT = 1024 * 1024;
/**
 * What Mermaid itself draws at most (its defaults `maxTextSize` and `maxEdges`): past either, the
 * reader would see Mermaid's error instead of the picture, so the picture is left out and the
 * summary says why.
 */
const MERMAID_TEXT_LIMIT = 50_000;
const MERMAID_EDGE_LIMIT = 500;
/**
 * A run as Markdown, for the job summary, the check run and `dagline runs show --format markdown`:
 * who started it with what, the DAG coloured by each task's status (stages as subgraphs), a Gantt
 * chart of every attempt, and a table of the tasks with their attempts, durations and errors.
 * Pure: no I/O. Every user value is escaped for where it goes (Markdown, HTML, Mermaid). A run too
 * large for the limit loses its pictures first (the Gantt chart, then the graph), then the table
 * keeps the tasks that did not succeed and as many others as fit; each cut is said where it is.
 */
function renderRunSummary(run, options = {}) {
    const limit = options.limit ?? JOB_SUMMARY_LIMIT;
    const head = headSection(run, options.runUrl);
    const errors = runErrorsSection(run.errors);
    const graph = graphSection(run);
    const gantt = ganttSection(run);
    const rows = taskRows(run);
    const assemble = (parts, table) => [head, errors, parts.graph, parts.gantt, table].filter(Boolean).join('\n');
    const fullTable = tableSection(rows, rows.length);
    let pictures = { graph: graph.text, gantt: gantt.text };
    const fits = (text) => byteLength(text) <= limit;
    if (!fits(assemble(pictures, fullTable))) {
        pictures = { ...pictures, gantt: dropped('Timeline', 'it does not fit in this summary with the rest') };
        if (!fits(assemble(pictures, fullTable)))
            pictures = { ...pictures, graph: dropped('Graph', 'it does not fit in this summary with the rest') };
    }
    const withoutTable = assemble(pictures, '');
    const budget = limit - byteLength(withoutTable) - 1;
    const table = fits(assemble(pictures, fullTable)) ? fullTable : fittedTable(rows, budget);
    const text = assemble(pictures, table);
    // A limit smaller than the heading and run-level errors: cut, and say so, rather than exceed it.
    return fits(text) ? text : cutToBytes(text, limit);
}
// ---- the parts -------------------------------------------------------------------------------
const STATUS_MARK = {
    completed: '✅',
    success: '✅',
    failed: '❌',
    upstream_failed: '⛔',
    cancelled: '🚫',
    skipped: '⏭️',
    on_hold: '⏸️',
    running: '⏳',
    pending: '⏳',
};
function headSection(run, runUrl) {
    const { record } = run;
    const lines = [`## ${STATUS_MARK[record.status]} dagline / ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownText */ .p7)(record.pipeline)}: ${record.status}`, ''];
    const when = `started ${timeText(record.startedAt)}${record.endedAt ? `, took ${durationOf(record.startedAt, record.endedAt)}` : ''}`;
    const link = runUrl ? ` ([the run](${markdownUrl(runUrl)}))` : '';
    lines.push(`Run ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(record.id)} of ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(record.file)}, ${when}, by ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(record.actor)} (${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownText */ .p7)(record.trigger)})${link}.`);
    if (record.resumes)
        lines.push(`Resumed ${record.resumes} time${record.resumes === 1 ? '' : 's'}.`);
    if (record.release)
        lines.push('Started with a release: the failures before it no longer count toward on hold.');
    if (record.selection)
        lines.push(`A part of the pipeline: ${[...record.selection.only.map((t) => `only ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(t)}`), ...record.selection.from.map((t) => `from ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(t)}`)].join(', ')}.`);
    if (record.parent)
        lines.push(`Started by run ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(record.parent.run)} (task ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(record.parent.task)}).`);
    if (record.concurrencyGroup !== undefined)
        lines.push(`Concurrency group ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(record.concurrencyGroup)}.`);
    const params = Object.entries(record.params);
    if (params.length > 0) {
        lines.push('', '| param | value |', '| --- | --- |');
        for (const [name, value] of params)
            lines.push(`| ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(name, 'cell')} | ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(paramText(value), 'cell')} |`);
    }
    return `${lines.join('\n')}\n`;
}
function runErrorsSection(errors) {
    const runLevel = errors.filter((e) => e.task === undefined);
    if (runLevel.length === 0)
        return '';
    return `${['### Errors', '', ...runLevel.map((e) => `- ${errorText(e)}`)].join('\n')}\n`;
}
function graphSection(run) {
    if (!run.pipeline)
        return { text: dropped('Graph', 'the pipeline as it ran is not with the record') };
    const status = taskStatuses(run);
    const edges = edgeCount(run.pipeline);
    const mermaid = (0,_graph_mermaid_js__WEBPACK_IMPORTED_MODULE_1__/* .graphToMermaid */ .f)(run.pipeline, { statusClass: (id) => status.get(id) });
    const classes = [...new Set(status.values())].map((s) => `  classDef ${s} ${CLASS_STYLE[s]}`);
    const diagram = `${mermaid}${classes.join('\n')}${classes.length ? '\n' : ''}`;
    if (edges > MERMAID_EDGE_LIMIT)
        return { text: dropped('Graph', `it has ${edges} edges, more than Mermaid draws (${MERMAID_EDGE_LIMIT})`) };
    if (diagram.length > MERMAID_TEXT_LIMIT)
        return {
            text: dropped('Graph', `its ${run.pipeline.tasks.size} tasks make more text than Mermaid draws`),
        };
    return { text: `### Graph\n\n\`\`\`mermaid\n${diagram}\`\`\`\n` };
}
/** Colours of a task's box by its status (GitHub's palette for its own states). */
const CLASS_STYLE = {
    success: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
    failed: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328',
    upstream_failed: 'fill:#fff1e5,stroke:#bc4c00,color:#1f2328',
    cancelled: 'fill:#eaeef2,stroke:#57606a,color:#1f2328',
    skipped: 'fill:#f6f8fa,stroke:#8c959f,color:#57606a,stroke-dasharray:4 3',
    running: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
    pending: 'fill:#ffffff,stroke:#8c959f,color:#57606a',
};
/** A task's status over its legs: the worst of them, as a matrix job's status is on GitHub. */
function taskStatuses(run) {
    const legs = new Map();
    for (const state of run.tasks)
        legs.set(state.task, [...(legs.get(state.task) ?? []), state.status]);
    const status = new Map();
    for (const [task, statuses] of legs) {
        const worst = WORST_FIRST.find((s) => statuses.includes(s));
        if (worst)
            status.set(task, worst);
    }
    return status;
}
const WORST_FIRST = [
    'failed',
    'cancelled',
    'upstream_failed',
    'running',
    'pending',
    'success',
    'skipped',
];
function edgeCount(pipeline) {
    let edges = 0;
    for (const task of pipeline.tasks.values())
        edges += task.needs.length;
    for (const stage of pipeline.stages.values())
        edges += stage.needs.length;
    return edges;
}
/**
 * The run's attempts on a time line (Mermaid Gantt): one bar per attempt, unstaged tasks first and
 * then a section per stage; a failed attempt is marked critical, one still running active. Times
 * are milliseconds since the epoch (`dateFormat x`), drawn in the reader's time zone.
 */
function ganttSection(run) {
    const runEnd = run.record.endedAt ?? latestTime(run.tasks) ?? run.record.startedAt;
    const bySection = new Map();
    let bars = 0;
    for (const state of run.tasks) {
        const stage = run.pipeline?.tasks.get(state.task)?.stage ?? '';
        const lines = bySection.get(stage) ?? [];
        bySection.set(stage, lines);
        for (const attempt of state.attempts) {
            const start = Date.parse(attempt.startedAt);
            if (Number.isNaN(start))
                continue;
            const endText = attempt.endedAt ?? (state.status === 'running' ? runEnd : (state.endedAt ?? runEnd));
            const end = Math.max(start, Date.parse(endText) || start);
            const failed = attempt.endedAt !== undefined && (attempt.exitCode !== 0 || attempt.timedOut || attempt.error !== undefined);
            const tag = attempt.endedAt === undefined ? 'active, ' : failed ? 'crit, ' : 'done, ';
            const label = state.attempts.length > 1 ? `${state.leg} (attempt ${attempt.number})` : state.leg;
            lines.push(`  ${ganttLabel(label)} :${tag}${start}, ${end}`);
            bars++;
        }
    }
    if (bars === 0)
        return { text: '' };
    const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  todayMarker off'];
    for (const [stage, stageLines] of [...bySection].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0))) {
        if (stageLines.length === 0)
            continue;
        if (stage !== '')
            lines.push(`  section ${(0,_graph_mermaid_js__WEBPACK_IMPORTED_MODULE_1__/* .mermaidText */ .H)(`stage: ${stage}`)}`);
        lines.push(...stageLines);
    }
    const diagram = `${lines.join('\n')}\n`;
    if (diagram.length > MERMAID_TEXT_LIMIT)
        return { text: dropped('Timeline', `its ${bars} attempts make more text than Mermaid draws`) };
    return { text: `### Timeline\n\n\`\`\`mermaid\n${diagram}\`\`\`\n` };
}
/**
 * A Gantt task's text: Mermaid-escaped, and never read as one of the Gantt keywords it could begin
 * with (a task called `title x` would become the chart's title): then its first character is
 * written as an entity too.
 */
function ganttLabel(text) {
    const escaped = (0,_graph_mermaid_js__WEBPACK_IMPORTED_MODULE_1__/* .mermaidText */ .H)(text).trim() || '-';
    if (!GANTT_KEYWORD.test(escaped))
        return escaped;
    return `#${escaped.charCodeAt(0)};${escaped.slice(1)}`;
}
const GANTT_KEYWORD = /^(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|acctitle|accdescr|accdescription|section|click|call|href|\d{4}-\d\d-\d\d)/i;
function latestTime(tasks) {
    let latest;
    for (const state of tasks)
        for (const attempt of state.attempts) {
            for (const at of [attempt.startedAt, attempt.endedAt])
                if (at !== undefined && (latest === undefined || at > latest))
                    latest = at;
        }
    return latest;
}
function taskRows(run) {
    const byLeg = new Map();
    for (const error of run.errors)
        if (error.task !== undefined)
            byLeg.set(error.task, [...(byLeg.get(error.task) ?? []), error]);
    return run.tasks.map((state) => {
        const notes = [
            state.continuedOnError ? 'continue-on-error' : '',
            state.notSelected ? 'not selected' : '',
            state.outputsFrom ? `outputs of run ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownText */ .p7)(state.outputsFrom)}` : '',
            state.slaMissed ? 'SLA missed' : '',
        ].filter(Boolean);
        const status = `${STATUS_MARK[state.status]} ${state.status}${notes.length ? ` (${notes.join(', ')})` : ''}`;
        const errors = (byLeg.get(state.leg) ?? []).map(errorText);
        const shown = errors.slice(0, ERRORS_PER_ROW);
        if (errors.length > ERRORS_PER_ROW)
            shown.push(`and ${errors.length - ERRORS_PER_ROW} more`);
        if (shown.length === 0 && state.reason && state.status !== 'success')
            shown.push((0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownText */ .p7)(clip(state.reason)));
        const text = `| ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(state.leg, 'cell')} | ${status} | ${state.attempts.length} | ${durationOf(state.startedAt, state.endedAt)} | ${shown.join('<br>')} |`;
        return { text, notable: state.status !== 'success' && state.status !== 'skipped' };
    });
}
const ERRORS_PER_ROW = 3;
const MESSAGE_CHARS = 500;
const TABLE_HEAD = '### Tasks\n\n| task | status | attempts | duration | errors |\n| --- | --- | --- | ---: | --- |';
function tableSection(rows, total, note) {
    if (total === 0)
        return '### Tasks\n\nNo task ran.\n';
    return `${[TABLE_HEAD, ...rows.map((r) => r.text)].join('\n')}\n${note ? `\n${note}\n` : ''}`;
}
/** The table cut to a budget: the tasks that did not succeed first, then others in order, as many as fit. */
function fittedTable(rows, budget) {
    const noteFor = (left) => `… and ${left} more task${left === 1 ? '' : 's'}, left out to fit GitHub's limit: the run record holds every task.`;
    let used = byteLength(TABLE_HEAD) + 2 + byteLength(noteFor(rows.length)) + 2;
    const kept = new Set();
    for (const pass of [true, false])
        for (const row of rows) {
            if (row.notable !== pass || kept.has(row))
                continue;
            const size = byteLength(row.text) + 1;
            if (used + size > budget)
                continue;
            used += size;
            kept.add(row);
        }
    const left = rows.length - kept.size;
    return tableSection(rows.filter((r) => kept.has(r)), rows.length, left > 0 ? noteFor(left) : undefined);
}
function dropped(what, why) {
    return `### ${what}\n\nNot drawn: ${why}.\n`;
}
function errorText(error) {
    const where = error.attempt !== undefined ? `, attempt ${error.attempt}` : '';
    return `**${error.type}**${error.fatal ? ' (fatal)' : ''}${where}: ${(0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownText */ .p7)(clip(error.message))}`;
}
function clip(text) {
    return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}
function paramText(value) {
    if (value === null)
        return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
function durationOf(from, to) {
    if (!from || !to)
        return '-';
    return (0,_pipeline_format_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(Math.max(0, Date.parse(to) - Date.parse(from)));
}
/** A link target: only http(s) URLs, with the characters that could end it percent-encoded. */
function markdownUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return '#';
    return url.replace(/[\s()<>"'\\[\]`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** A time of the record as `2026-03-01 10:00:00 UTC`; what is not a time, escaped as it is. */
function timeText(iso) {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? (0,_markdown_text_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownText */ .p7)(iso) : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
function cutToBytes(text, limit) {
    const note = "\n\n… cut to fit GitHub's limit: the run record holds it all.\n";
    let cut = text.slice(0, Math.max(0, limit - byteLength(note)));
    while (byteLength(cut) + byteLength(note) > limit)
        cut = cut.slice(0, -Math.max(1, Math.ceil((byteLength(cut) + byteLength(note) - limit) / 4)));
    return `${cut}${note}`;
}


/***/ })

};
;