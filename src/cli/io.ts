/** Where the command line writes. Tests pass their own; the binary passes the process's. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** A person at a terminal: live progress instead of log lines. */
  interactive?: boolean;
}

export function processIo(): CliIo {
  return {
    out: writerTo(process.stdout),
    err: writerTo(process.stderr),
    env: process.env,
    interactive: process.stdout.isTTY === true,
  };
}

/**
 * Writes to a stream until it fails, then drops what comes after. A reader that goes away
 * (`dagline runs | head`, EPIPE) must not end in a stack trace, nor stop a run half way: its
 * tasks go on, and its record is written, as if the output had been read.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return (text) => {
    if (!failed) stream.write(text);
  };
}
