import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { pipelineJsonSchema } from '../../src/pipeline-format/schema.js';

const shipped = JSON.parse(readFileSync('schema/pipeline.schema.json', 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(shipped);

describe('the JSON Schema shipped for editors', () => {
  it('is the schema the loader validates with', () => {
    expect(shipped).toEqual(pipelineJsonSchema());
  });

  it('accepts every example', () => {
    for (const file of [
      'funnel/funnel.yml',
      'funnel/funnel-workflow.yml',
      'funnel/funnel-rollout.yml',
      'flow-forge/ml-flow.yml',
      'ratings/ratings.yml',
      'etl/etl.yml',
    ]) {
      const ok = validate(parse(readFileSync(`examples/${file}`, 'utf8')));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects unknown keys, bad names, wrong types and bad durations, and allows x- keys', () => {
    const check = (value: unknown) =>
      validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(check({ name: 'ok', tasks: { a: { run: 'x', retires: 1 } } })).toContain('/tasks/a additionalProperties');
    expect(check({ name: 'Not OK', tasks: {} })).toContain('/name pattern');
    expect(check({ name: 'ok', tasks: { a: { run: 'x', retries: 'three' } } })).toContain('/tasks/a/retries type');
    expect(check({ name: 'ok', tasks: { a: { run: 'x', timeout: '10 min' } } })).toContain('/tasks/a/timeout pattern');
    expect(check({ name: 'ok', 'x-anchors': { any: ['thing'] }, tasks: { a: { run: 'x' } } })).toEqual([]);
  });
});
