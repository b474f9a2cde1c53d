import { runCli } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing what it writes. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    env: { USER: 'tester' },
  });
  return { code, stdout, stderr };
}
