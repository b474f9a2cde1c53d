import { describe, expect, it } from 'vitest';
import { givenParams, parentOf } from '../../src/action/workflow-params.js';
import { resolveParams } from '../../src/plan/resolve-params.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';

const loaded = loadPipeline(
  `name: p
params:
  day: { type: string }
  full: { type: boolean, default: false }
schedule:
  - cron: "0 3 * * *"
    params: { day: nightly, full: true }
tasks:
  a: { run: "true" }
`,
  'p.yml',
);
const pipeline = (loaded as { pipeline: Pipeline }).pipeline;

describe("a run's params on GitHub", () => {
  it("takes the inputs as GitHub types them, the overflow JSON's, and leaves an empty input ungiven", () => {
    const given = givenParams(pipeline, {
      inputs: { full: true, day: '', 'dagline-params': '{"day": "2026-12-01"}', 'dagline-release': true },
    });
    expect(given).toEqual({ given: { full: true, day: '2026-12-01' }, release: true, problems: [] });
  });

  it("takes a schedule's params by its cron, unless the run was called (a called workflow sees its caller's event)", () => {
    expect(givenParams(pipeline, { inputs: null, schedule: '0 3 * * *' }).given).toEqual({
      day: 'nightly',
      full: true,
    });
    const called = { inputs: { 'dagline-parent': 'gh-7--load', day: 'x' }, schedule: '0 3 * * *' };
    expect(givenParams(pipeline, called).given).toEqual({ day: 'x' });
    expect(parentOf(called.inputs)).toBe('gh-7--load');
  });

  it('says what is wrong with the overflow input', () => {
    const notJson = givenParams(pipeline, { inputs: { 'dagline-params': '{day' } }, { file: 'p.yml', line: 2 });
    expect(notJson.problems.map((p) => [p.message.split(':')[0], p.line])).toEqual([
      ['input dagline-params is not JSON', 2],
    ]);
    const list = givenParams(pipeline, { inputs: { 'dagline-params': '[1]' } });
    expect(list.problems.map((p) => p.message)).toEqual(['input dagline-params is not a JSON object']);
    const nested = givenParams(pipeline, { inputs: { 'dagline-params': '{"day": {"a": 1}}' } });
    expect(nested.problems.map((p) => p.message)).toEqual([
      'param "day" (in input dagline-params) is {"a":1}: not a value',
    ]);
  });

  it('takes an input named __proto__ or constructor as a param like any other: one the pipeline does not have (regression: dropped, or read as Object)', () => {
    const given = givenParams(pipeline, { inputs: { 'dagline-params': '{"__proto__": "x", "constructor": "y"}' } });
    expect(Object.keys(given.given)).toEqual(['__proto__', 'constructor']);
    const resolved = resolveParams(pipeline, given.given, false);
    expect(resolved.ok ? [] : resolved.errors.map((e) => e.message)).toEqual([
      'pipeline "p" has no param "__proto__"',
      'pipeline "p" has no param "constructor"',
    ]);
  });
});
