import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as pins from '../../src/compile/pinned-actions.js';

const pinned = [pins.CHECKOUT, pins.UPLOAD_ARTIFACT, pins.DOWNLOAD_ARTIFACT, pins.DAGLINE_ACTION];

describe('pinned actions', () => {
  it('pins every action, dagline’s own included, by a full commit SHA with its version', () => {
    for (const action of pinned) {
      expect(action.uses).toMatch(pins.PINNED_USES);
      expect(action.version).toMatch(/^(v\d+\.\d+\.\d+|unreleased)$/);
    }
    expect(pins.CHECKOUT.uses.startsWith('actions/checkout@')).toBe(true);
    expect(pins.DAGLINE_ACTION.uses.startsWith('dagline/dagline@')).toBe(true);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  it('runs on node24 (GitHub removed the node20 runtime in 2026)', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares every input and output a compiled workflow and dynamic mode use', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      [
        'command',
        'github-token',
        'inputs',
        'matrix',
        'needs',
        'params',
        'path',
        'pipeline',
        'ref',
        'release',
        'schedule',
        'task',
        'wait',
        'wave-jobs',
      ].sort(),
    );
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'check-run-id',
        'conclusion',
        'dagline-artifact',
        'dagline-extract-artifact',
        'dagline-result',
        'errors',
        'go',
        'params',
        'pipelines',
        'refusal',
        'run',
        'run-id',
        'run-key',
        'run-url',
        'status',
        'valid',
        'layout',
      ].sort(),
    );
  });
});
