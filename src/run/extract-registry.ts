import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ExtractEntry } from '../state/run-record.js';
import type { RunStore } from '../state/run-store.js';

/** A consumed extract that no run registered as ready: the task fails with a data error. */
export class ExtractNotReady extends Error {}

/** Brings consumed extracts from where another machine keeps them, and registers them ready (RunEnvironment). */
export type FetchExtracts = (paths: string[], registry: ExtractRegistry) => Promise<void>;

/**
 * The extracts registry (ProcessTracker): files tasks produce and consume,
 * with their status: initialized -> ready -> in_use -> processed, or failed.
 * One registry per state store, changed under the store lock.
 */
export class ExtractRegistry {
  /** Changes asked for while one is being written: they go together in the next. */
  private pending: {
    paths: readonly string[];
    edit: (extracts: ExtractEntry[]) => void;
    done: (error?: unknown) => void;
  }[] = [];
  private writing = false;

  constructor(
    private readonly store: RunStore,
    private readonly now: () => Date,
    private readonly fetch?: FetchExtracts,
  ) {}

  /** A task that produces files: registered `initialized` when it starts. */
  async initialize(files: { path: string; name?: string }[], run: string, task: string): Promise<void> {
    await this.change(
      files.map((file) => file.path),
      (extracts) => {
        for (const file of files)
          upsert(extracts, file.path, {
            name: file.name ?? basename(file.path),
            status: 'initialized',
            run,
            task,
            updatedAt: this.at(),
          });
      },
    );
  }

  /** After the producing task: `ready` when it succeeded, `failed` when not. */
  async settleProduced(paths: string[], run: string, task: string, success: boolean): Promise<void> {
    await this.change(paths, (extracts) => {
      for (const path of paths)
        upsert(extracts, path, { status: success ? 'ready' : 'failed', run, task, updatedAt: this.at() });
    });
  }

  /**
   * A consuming task takes its extracts `in_use`; one that no run registered as ready fails it. An
   * external file is registered first, as found by this task (`ready`, then taken), when it is
   * there and no run is producing or using it; one that is not there fails the task.
   */
  async take(
    consumed: { path: string; name?: string; external?: boolean }[],
    run: string,
    task: string,
  ): Promise<void> {
    const paths = consumed.map((file) => file.path);
    const kept = consumed.filter((file) => !file.external).map((file) => file.path);
    if (this.fetch && kept.length > 0) await this.fetch(kept, this);
    await this.change(paths, (extracts) => {
      const absent = consumed.filter((file) => file.external && !existsSync(file.path)).map((file) => file.path);
      if (absent.length)
        throw new ExtractNotReady(
          `it consumes the external file${absent.length === 1 ? '' : 's'} ${absent.join(', ')}, which ${absent.length === 1 ? 'is' : 'are'} not there`,
        );
      for (const file of consumed) {
        const status = find(extracts, file.path)?.status;
        if (!file.external || status === 'initialized' || status === 'in_use') continue;
        upsert(extracts, file.path, {
          name: file.name ?? basename(file.path),
          status: 'ready',
          run,
          task,
          updatedAt: this.at(),
          external: true,
        });
      }
      const missing = paths.filter((path) => find(extracts, path)?.status !== 'ready');
      if (missing.length) {
        const what = missing
          .map((path) => `${path} (${find(extracts, path)?.status ?? 'never registered'})`)
          .join(', ');
        throw new ExtractNotReady(
          `it consumes ${what}: no run registered ${missing.length === 1 ? 'it' : 'them'} as ready`,
        );
      }
      for (const path of paths)
        Object.assign(find(extracts, path) as ExtractEntry, {
          status: 'in_use',
          consumer: { run, task },
          updatedAt: this.at(),
        });
    });
  }

  /** After the consuming task: `processed` when it succeeded, `ready` again for another try when not. */
  async settleConsumed(paths: string[], run: string, task: string, success: boolean): Promise<void> {
    await this.change(paths, (extracts) => {
      for (const path of paths) {
        const entry = find(extracts, path);
        if (entry)
          Object.assign(entry, {
            status: success ? 'processed' : 'ready',
            consumer: { run, task },
            updatedAt: this.at(),
          });
      }
    });
  }

  list(): ExtractEntry[] {
    return this.store.readExtracts();
  }

  private at(): string {
    return this.now().toISOString();
  }

  /**
   * Applies an edit to the extracts at `paths`, under the store lock, in the order asked: it reads
   * and writes those extracts only (the store keeps one file each). The tasks of one run never
   * contend among themselves for the lock (a wait is a retry of 10 ms or more): one change is
   * written at a time, and the edits asked for meanwhile go together in the next. An edit that
   * throws (a consumed extract not ready) changes nothing and fails only its own task.
   */
  private change(paths: readonly string[], edit: (extracts: ExtractEntry[]) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ paths, edit, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.writeChanges();
    });
  }

  private async writeChanges(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      const outcomes: unknown[] = [];
      try {
        await this.store.withLock(() => {
          const paths = [...new Set(batch.flatMap((change) => change.paths))];
          const extracts = this.store.readExtractsAt(
            paths.map((path) => ({ location: dirname(path), filename: basename(path) })),
          );
          for (const { edit } of batch) {
            try {
              edit(extracts);
              outcomes.push(undefined);
            } catch (error) {
              outcomes.push(error);
            }
          }
          this.store.writeExtracts(extracts);
        });
        batch.forEach(({ done }, i) => done(outcomes[i]));
      } catch (error) {
        for (const { done } of batch) done(error);
      }
    }
    this.writing = false;
  }
}

function find(extracts: ExtractEntry[], path: string): ExtractEntry | undefined {
  return extracts.find((e) => e.location === dirname(path) && e.filename === basename(path));
}

function upsert(
  extracts: ExtractEntry[],
  path: string,
  fields: Partial<ExtractEntry> & Pick<ExtractEntry, 'status' | 'run' | 'task' | 'updatedAt'>,
): void {
  const entry = find(extracts, path);
  if (entry) {
    // A new registration: whoever made (or found) it before, and whoever used it, are history.
    delete entry.consumer;
    delete entry.external;
    Object.assign(entry, fields);
  } else {
    extracts.push({
      name: fields.name ?? basename(path),
      filename: basename(path),
      location: dirname(path),
      ...fields,
    });
  }
}
