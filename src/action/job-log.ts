import { randomBytes } from 'node:crypto';
import { escapeData } from '../errors/format-error.js';

/** `::add-mask::VALUE` and its legacy form `##[add-mask]VALUE`, after a `[leg] ` prefix or none. */
const ADD_MASK = /^(\[[^\]\n]*\] )?(?:::add-mask::|##\[add-mask\])(.*)$/;

/**
 * The job log of a step that prints what tasks write. Task output is untrusted text, and the
 * runner reads workflow commands from every line a step prints (`::set-output`, `::add-mask`,
 * `::error`...): it goes between `::stop-commands::<token>` and `::<token>::`, with a token no task
 * can know, as GitHub advises for printing untrusted text. A task may still hide a value it made
 * (a password it generated) with `::add-mask::VALUE`: that one command is honoured, outside the
 * block, and the line itself is shown masked. Every masked value is also kept for the copies that
 * leave the runner unmasked (the log and the record uploaded as artifacts): `mask()`.
 */
export class JobLog {
  private token: string | undefined;
  private readonly masks = new Set<string>();
  private pending = '';

  constructor(
    private readonly out: (text: string) => void,
    secrets: Iterable<string> = [],
  ) {
    for (const secret of secrets) if (secret) this.masks.add(secret);
  }

  /** Text a task (or dagline's reporter about it) printed: whole lines are written, the rest waits. */
  write(text: string): void {
    const all = this.pending + text;
    const end = all.lastIndexOf('\n');
    if (end < 0) {
      this.pending = all;
      return;
    }
    this.pending = all.slice(end + 1);
    let block = '';
    for (const line of all.slice(0, end).split('\n')) {
      const mask = ADD_MASK.exec(line.replace(/\r$/, ''));
      if (!mask) {
        block += `${line}\n`;
        continue;
      }
      const value = (mask[2] ?? '').trim();
      this.emit(block);
      block = '';
      if (value) {
        this.masks.add(value);
        this.close();
        this.out(`::add-mask::${escapeData(value)}\n`);
      }
      block += `${mask[1] ?? ''}::add-mask::***\n`;
    }
    this.emit(block);
  }

  /** Ends the block (and a last line without a newline): the runner reads commands again after it. */
  end(): void {
    if (this.pending) this.emit(`${this.pending}\n`);
    this.pending = '';
    this.close();
  }

  /** Text with every masked value replaced by `***`, as the runner shows it; in JSON text too, where it is escaped. */
  mask(text: string): string {
    const forms = new Set<string>();
    for (const value of this.masks) forms.add(value).add(JSON.stringify(value).slice(1, -1));
    let masked = text;
    // Longest first: a value that contains another is hidden whole.
    for (const form of [...forms].sort((a, b) => b.length - a.length))
      if (form) masked = masked.split(form).join('***');
    return masked;
  }

  private emit(text: string): void {
    if (!text) return;
    if (this.token === undefined) {
      this.token = randomBytes(16).toString('hex');
      this.out(`::stop-commands::${this.token}\n`);
    }
    this.out(text);
  }

  private close(): void {
    if (this.token === undefined) return;
    this.out(`::${this.token}::\n`);
    this.token = undefined;
  }
}
