import { StringDecoder } from 'node:string_decoder';

/**
 * The most of one line held before it is shown: a longer line (a task that prints megabytes
 * without a newline) goes out in pieces of this many characters, each under the prefix, so no
 * line costs more memory than this however long it is.
 */
export const LONGEST_LINE = 1024 * 1024;

/**
 * A log's bytes as lines under a prefix (`[task] line`), fed as they are read: what a read cut
 * (a line without its newline yet, a character without all its bytes) waits for the next bytes.
 * Memory stays within one read and one line of at most LONGEST_LINE, whatever the log's size.
 */
export class PrefixedLines {
  private readonly decoder = new StringDecoder('utf8');
  /** The last line read, while it has no newline yet. */
  private partial = '';

  constructor(readonly prefix: string) {}

  /** The lines these bytes complete, each under the prefix and ended by a newline ('' when none). */
  push(bytes: Uint8Array): string {
    const text = this.decoder.write(bytes);
    const newline = text.lastIndexOf('\n');
    let out = '';
    if (newline < 0) {
      // Still inside one line: appended (a rope, not a copy), split only once a newline comes,
      // so a long line costs its length once, not once per read.
      this.partial += text;
    } else {
      const lines = (this.partial + text.slice(0, newline)).split('\n');
      this.partial = text.slice(newline + 1);
      for (const line of lines) out += this.shown(line);
    }
    while (this.partial.length > LONGEST_LINE) {
      const cut = cutAt(this.partial, LONGEST_LINE);
      out += `${this.prefix}${this.partial.slice(0, cut)}\n`;
      this.partial = this.partial.slice(cut);
    }
    return out;
  }

  /** What is left after the last newline, as a line of its own ('' when nothing is). */
  end(): string {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest ? this.shown(rest) : '';
  }

  /** One line under the prefix: in pieces of LONGEST_LINE when it is longer. */
  private shown(line: string): string {
    let out = '';
    let rest = line;
    while (rest.length > LONGEST_LINE) {
      const cut = cutAt(rest, LONGEST_LINE);
      out += `${this.prefix}${rest.slice(0, cut)}\n`;
      rest = rest.slice(cut);
    }
    return `${out}${this.prefix}${rest}\n`;
  }
}

/** Where to cut a text near `at` without splitting a character made of two UTF-16 units. */
function cutAt(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
