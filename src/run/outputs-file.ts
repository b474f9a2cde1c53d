/**
 * The `$DAGLINE_OUTPUT` file a task writes its outputs to, in the format of
 * GitHub's `$GITHUB_OUTPUT`: `name=value` lines, or for values with line
 * breaks
 *
 *     name<<DELIMITER
 *     line 1
 *     line 2
 *     DELIMITER
 */
export interface ParsedOutputs {
  values: Record<string, string>;
  /** Lines that fit neither form, and heredocs never closed. */
  problems: string[];
}

export function parseOutputsFile(text: string): ParsedOutputs {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const heredoc = /^([^=<\s][^=<]*)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals < 0 || equals > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i] as string);
      }
      if (!closed) problems.push(`output "${name}": no line "${delimiter}" closes it`);
      else values[name.trim()] = body.join('\n');
      continue;
    }
    if (equals <= 0) {
      problems.push(`line ${i + 1} is neither name=value nor name<<DELIMITER: ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    values[line.slice(0, equals).trim()] = line.slice(equals + 1);
  }
  return { values, problems };
}
