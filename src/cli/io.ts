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
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    interactive: process.stdout.isTTY === true,
  };
}
