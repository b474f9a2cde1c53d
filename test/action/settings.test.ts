import { afterEach, describe, expect, it } from 'vitest';
import { jsonInput, waveJobsInput } from '../../src/action/settings.js';

describe("the action's JSON inputs", () => {
  afterEach(() => {
    delete process.env.INPUT_PARAMS;
  });

  it('reads an object, and gives the fallback for an empty input or null', () => {
    process.env.INPUT_PARAMS = '{"dataStage":"IaC"}';
    expect(jsonInput('params', {})).toEqual({ dataStage: 'IaC' });
    process.env.INPUT_PARAMS = '';
    expect(jsonInput('params', { a: 1 })).toEqual({ a: 1 });
    process.env.INPUT_PARAMS = 'null';
    expect(jsonInput('params', null)).toBeNull();
  });

  it('refuses JSON that is not an object in one usage error (regression: a list reached the run as its params)', () => {
    for (const [text, what] of [
      ['[1]', 'a list'],
      ['"IaC"', 'string'],
      ['3', 'number'],
    ]) {
      process.env.INPUT_PARAMS = text;
      expect(() => jsonInput('params', {})).toThrow(`input "params" must be a JSON object, not ${what}`);
    }
    process.env.INPUT_PARAMS = '{oops';
    expect(() => jsonInput('params', {})).toThrow('input "params" is not JSON');
  });
});

describe("plan's wave-jobs (dynamic mode)", () => {
  afterEach(() => {
    delete process.env['INPUT_WAVE-JOBS'];
  });

  it('is a whole number of jobs, or nothing for a compiled workflow', () => {
    expect(waveJobsInput()).toEqual({});
    process.env['INPUT_WAVE-JOBS'] = '20';
    expect(waveJobsInput()).toEqual({ waveJobs: 20 });
    for (const text of ['0', '2.5', 'many']) {
      process.env['INPUT_WAVE-JOBS'] = text;
      expect(() => waveJobsInput()).toThrow(`input "wave-jobs" is "${text}"`);
    }
  });
});
