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
    env: { USER: 'tester', ...extraEnv },
  });
  return { code, stdout, stderr };
}
