import { runCli } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing what it writes. */
export function cli(...argv: string[]): Promise<CliResult> {
  return cliWith({}, ...argv);
}

/** The same with these environment variables added: PATH, for runs whose tasks start programs. */
export async function cliWith(extraEnv: Record<string, string>, ...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (text) => void (stdout += typeof text === 'string' ? text : Buffer.from(text).toString()),
    err: (text) => void (stderr += text),
    // No cache folder: the runner is chosen from the PATH alone, whatever this machine's cache holds.
    env: { USER: 'tester', DAGLINE_COMPILE_CACHE: 'off', ...extraEnv },
  });
  return { code, stdout, stderr };
}
