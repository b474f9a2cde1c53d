import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatErrorLine } from '../../src/errors/format-error.js';
import { paramPlaces } from '../../src/plan/resolve-params.js';
import { ChildProcessRunner, type ProcessRunner } from '../../src/process/process-runner.js';
import { quietReporter, type RunReporter } from '../../src/run/reporter.js';
import { runPipeline, type RunOutcome, type RunRequest } from '../../src/run/run-pipeline.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';
import { RunStore, type StoreFs } from '../../src/state/run-store.js';

/** A repository in a temporary folder, with its own state store, for runs with real processes. */
export class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), 'dagline-run-'));
  readonly store: RunStore;
  /** Tasks append `start X` / `end X` lines here ($EVENTS): the order things happened in. */
  readonly eventsFile = join(this.dir, 'events.log');
  private cancelListeners = new Set<() => void>();

  /** `storeFs`: the file system the store writes through (a test's, with faults in it). */
  constructor(storeFs?: StoreFs) {
    this.store = new RunStore(join(this.dir, '.dagline'), storeFs);
    mkdirSync(join(this.dir, '.git'));
    writeFileSync(this.eventsFile, '');
  }

  write(name: string, text: string): string {
    const path = join(this.dir, name);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }

  exists(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  pipeline(name: string, text: string): Pipeline {
    const result = loadPipeline(text, this.write(name, text));
    if (!result.ok) throw new Error(result.errors.map(formatErrorLine).join('\n'));
    return result.pipeline;
  }

  events(): string[] {
    return readFileSync(this.eventsFile, 'utf8').split('\n').filter(Boolean);
  }

  /** Asks the running run to cancel, as Ctrl-C does. */
  cancel(): void {
    for (const listener of this.cancelListeners) listener();
  }

  /** Runs a pipeline with dagline's runner, or the one given. */
  run(
    pipeline: Pipeline | undefined,
    request: Partial<RunRequest> = {},
    reporter: RunReporter = quietReporter,
    runner: ProcessRunner = new ChildProcessRunner(),
  ): Promise<RunOutcome> {
    return this.runWith(runner, pipeline, { ...request, concurrency: request.concurrency ?? 4 }, reporter);
  }

  private runWith(
    runner: ProcessRunner,
    pipeline: Pipeline | undefined,
    request: Partial<RunRequest>,
    reporter: RunReporter,
  ): Promise<RunOutcome> {
    return runPipeline(
      {
        ...(pipeline && { pipeline }),
        params: {},
        paramsFromText: true,
        concurrency: 4,
        actor: 'tester',
        trigger: 'manual',
        ...request,
      },
      {
        store: this.store,
        runner,
        reporter,
        workspaceOf: () => this.dir,
        loadChild: (path) => {
          const text = readFileSync(join(this.dir, path), 'utf8');
          const result = loadPipeline(text, join(this.dir, path));
          if (!result.ok) throw new Error(result.errors.map(formatErrorLine).join('; '));
          return { pipeline: result.pipeline, placeOfParam: paramPlaces(result.pipeline, result.locator) };
        },
        loadSnapshot: (text, file) => {
          const result = loadPipeline(text, file);
          if (!result.ok) throw new Error('bad snapshot');
          return result.pipeline;
        },
        baseEnv: { PATH: process.env.PATH, EVENTS: this.eventsFile, STORE: this.store.root },
        killGraceMs: 300,
        queuePollMs: 50,
        onCancel: (listener) => {
          this.cancelListeners.add(listener);
          return () => this.cancelListeners.delete(listener);
        },
        now: () => new Date(),
      },
    );
  }
}

/** A task script that records its start and end around some work. */
export function step(name: string, work = 'true'): string {
  return `echo "start ${name}" >> "$EVENTS"; ${work}; echo "end ${name}" >> "$EVENTS"`;
}

/** Most tasks running at once, from start/end events. */
export function mostAtOnce(events: string[]): number {
  let running = 0;
  let most = 0;
  for (const event of events) {
    running += event.startsWith('start ') ? 1 : event.startsWith('end ') ? -1 : 0;
    most = Math.max(most, running);
  }
  return most;
}

export const statusOf = (outcome: RunOutcome) => Object.fromEntries(outcome.tasks.map((t) => [t.leg, t.status]));
