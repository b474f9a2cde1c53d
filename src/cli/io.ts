import { randomBytes } from 'node:crypto';
/** Where the command line writes. Tests pass their own; the binary passes the process's. */
export interface CliIo {
  /** Text, or bytes as they are (a task's log). */
  out(text: string | Uint8Array): void;
  err(text: string): void;
  /** Resolves once what was written has gone out (or cannot): a long output waits for its reader. */
  drained?(): Promise<void>;
  env: Record<string, string | undefined>;
  /** A person at a terminal: live progress instead of log lines. */
  interactive?: boolean;
  /** Waits between looks at something that takes time (a run on GitHub); tests give their own. */
  sleep?(ms: number): Promise<void>;
}

export function processIo(): CliIo {
  return {
    out: writerTo(process.stdout),
    err: writerTo(process.stderr),
    drained: () => drained(process.stdout),
    env: process.env,
    interactive: process.stdout.isTTY === true,
  };
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('error', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('error', done).on('close', done);
  });
}

/**
 * Writes to a stream until it fails, then drops what comes after. A reader that goes away
 * (`dagline runs | head`, EPIPE) must not end in a stack trace, nor stop a run half way: its
 * tasks go on, and its record is written, as if the output had been read.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string | Uint8Array) => void {
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return (text) => {
    if (!failed) stream.write(text);
  };
}

/**
 * Writes text that holds values from files (names, scripts) so that no line of it can act as a
 * workflow command on GitHub Actions: there it goes between `::stop-commands::` and its end, with
 * a token no value can guess, as GitHub advises for printing untrusted text.
 */
export function outUntrusted(io: CliIo, text: string): void {
  const stream = untrustedOut(io);
  stream.out(text);
  stream.end();
}

/**
 * outUntrusted for text or bytes written piece by piece (a run's task output, a log, as they
 * come): on GitHub Actions the first piece opens the `::stop-commands::` span and `end` closes it,
 * on a line of its own; elsewhere `out` is io.out.
 */
export function untrustedOut(io: CliIo): { out: (text: string | Uint8Array) => void; end: () => void } {
  if (io.env.GITHUB_ACTIONS !== 'true') return { out: io.out, end: () => {} };
  const token = randomBytes(16).toString('hex');
  let open = false;
  let atLineStart = true;
  return {
    out: (text) => {
      if (text.length === 0) return;
      if (!open) io.out(`::stop-commands::${token}\n`);
      open = true;
      io.out(text);
      atLineStart = typeof text === 'string' ? text.endsWith('\n') : text[text.length - 1] === 0x0a;
    },
    end: () => {
      if (open) io.out(`${atLineStart ? '' : '\n'}::${token}::\n`);
      open = false;
      atLineStart = true;
    },
  };
}
