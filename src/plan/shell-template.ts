import { splitTemplate, type TemplatePart } from '../expressions/template.js';

/**
 * `${{ }}` values in a `run` script (SPEC 2.1): each value is escaped for the
 * quoting context it stands in, never inserted raw, so no value can run a
 * command. Bare, it becomes one single-quoted word; inside double quotes, `"`,
 * `$`, backquote and backslash are escaped; inside single quotes the quote is
 * closed, the value spliced quoted, and reopened. Heredoc bodies, `$'...'`,
 * `$(( ))`, comments and backquotes have rules of their own below.
 *
 * The context of each template is found by lexing the script once with every
 * template replaced by one neutral character, with a small POSIX shell lexer
 * that knows quotes, `$( )`, `${ }`, backquotes, comments and heredocs.
 */

export type QuoteContext =
  'bare' | 'double' | 'param-double' | 'single' | 'ansi' | 'arith' | 'comment' | 'heredoc' | 'heredoc-literal';

export interface Slot {
  context: QuoteContext;
  /** Inside backquotes: the backquote pass strips one level of backslashes first. */
  inBackquotes: boolean;
  /** Preceded by an escaping backslash: no escaping can be safe there. */
  escaped: boolean;
  /** Index into `heredocs` when the slot stands in a heredoc body. */
  heredoc?: number;
}

export interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
  /** Offsets of the body in the skeleton (the script with one character per template). */
  bodyStart: number;
  bodyEnd: number;
}

export interface ShellTemplate {
  parts: TemplatePart[];
  /** One per `expr` part, in order. */
  slots: Slot[];
  heredocs: Heredoc[];
}

/** Thrown by renderShellTemplate when a value cannot be placed safely. */
export class UnsafeValueError extends Error {
  constructor(
    message: string,
    readonly part: TemplatePart & { kind: 'expr' },
  ) {
    super(message);
  }
}

const PLACEHOLDER = 'x';

export function analyzeShellTemplate(script: string): ShellTemplate | { error: string; offset: number } {
  const split = splitTemplate(script);
  if (!split.ok) return { error: split.message, offset: split.offset };
  let skeleton = '';
  const slotOffsets: number[] = [];
  for (const part of split.parts) {
    if (part.kind === 'text') skeleton += part.text;
    else {
      slotOffsets.push(skeleton.length);
      skeleton += PLACEHOLDER;
    }
  }
  const { slots, heredocs } = lexShell(skeleton, slotOffsets);
  return { parts: split.parts, slots, heredocs };
}

/**
 * The script with every template replaced by `valueOf(part)`, escaped for its
 * context. `valueOf` returning undefined leaves the template as written (a
 * plan shows values it cannot know yet that way).
 */
export function renderShellTemplate(
  template: ShellTemplate,
  valueOf: (part: TemplatePart & { kind: 'expr' }) => string | undefined,
): string {
  let out = '';
  let skeletonAt = 0;
  let slotIndex = 0;
  // Where each heredoc body starts and ends in the output, to check it after.
  const bodyOut = template.heredocs.map(() => ({ start: -1, end: -1 }));
  const heredocPart = new Map<number, TemplatePart & { kind: 'expr' }>();
  /** Records the heredoc boundaries in the skeleton range [from, to] at their output offsets. */
  const mark = (from: number, to: number) => {
    template.heredocs.forEach((h, i) => {
      const span = bodyOut[i]!;
      if (span.start < 0 && h.bodyStart >= from && h.bodyStart <= to) span.start = out.length + (h.bodyStart - from);
      if (span.end < 0 && h.bodyEnd >= from && h.bodyEnd <= to) span.end = out.length + (h.bodyEnd - from);
    });
  };
  for (const part of template.parts) {
    if (part.kind === 'text') {
      if (template.heredocs.length > 0) mark(skeletonAt, skeletonAt + part.text.length - 1);
      out += part.text;
      skeletonAt += part.text.length;
      continue;
    }
    if (template.heredocs.length > 0) mark(skeletonAt, skeletonAt);
    const slot = template.slots[slotIndex++] as Slot;
    if (slot.heredoc !== undefined && !heredocPart.has(slot.heredoc)) heredocPart.set(slot.heredoc, part);
    const value = valueOf(part);
    if (value === undefined) out += part.raw;
    else {
      if (slot.escaped)
        throw new UnsafeValueError(`${part.raw} follows a backslash, where no value can be quoted safely`, part);
      if (value.includes('\0'))
        throw new UnsafeValueError(`the value of ${part.raw} holds a NUL byte, which a shell cannot carry`, part);
      out += quoteForContext(value, slot);
    }
    skeletonAt++;
  }
  if (template.heredocs.length > 0) mark(skeletonAt, skeletonAt);
  template.heredocs.forEach((heredoc, i) => {
    const span = bodyOut[i]!;
    if (span.start < 0) return;
    const body = out.slice(span.start, span.end < 0 ? out.length : span.end);
    for (const line of body.split('\n')) {
      const compared = heredoc.stripTabs ? line.replace(/^\t+/, '') : line;
      if (compared === heredoc.delimiter) {
        throw new UnsafeValueError(
          `a value in the heredoc ending at "${heredoc.delimiter}" makes the line "${heredoc.delimiter}", which would end the heredoc early`,
          heredocPart.get(i) as TemplatePart & { kind: 'expr' },
        );
      }
    }
  });
  return out;
}

export function quoteForContext(value: string, slot: Pick<Slot, 'context' | 'inBackquotes'>): string {
  let quoted: string;
  switch (slot.context) {
    case 'bare':
      quoted = singleQuoted(value);
      break;
    case 'double':
      quoted = value.replace(/[\\"$`]/g, '\\$&');
      break;
    case 'param-double':
      // Inside "${x:-...}" bash still pairs single quotes: nested double quotes hold any value.
      quoted = `"${value.replace(/[\\"$`]/g, '\\$&')}"`;
      break;
    case 'single':
      quoted = value.replace(/'/g, `'\\''`);
      break;
    case 'ansi':
      quoted = value.replace(/[\\']/g, '\\$&');
      break;
    case 'arith':
      quoted = /^-?\d+$/.test(value) ? value : singleQuoted(value);
      break;
    case 'comment':
      quoted = value.replace(/[\r\n]/g, ' ');
      break;
    case 'heredoc':
      quoted = value.replace(/[\\$`]/g, '\\$&');
      break;
    case 'heredoc-literal':
      quoted = value;
      break;
  }
  // Inside `...` the shell first turns \\, \` and \$ into \, ` and $: add that level back.
  return slot.inBackquotes ? quoted.replace(/[\\`$]/g, '\\$&') : quoted;
}

export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// ---- the lexer ---------------------------------------------------------------

type Frame =
  | { kind: 'code'; closer: 'none' | 'paren' | 'backquote'; depth: number }
  | { kind: 'double' }
  | { kind: 'single' }
  | { kind: 'ansi' }
  | { kind: 'param'; inDouble: boolean; depth: number }
  | { kind: 'arith'; depth: number }
  | { kind: 'comment' }
  | { kind: 'heredoc'; index: number; literal: boolean; atLineStart: boolean };

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  literal: boolean;
}

const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

function lexShell(text: string, slotOffsets: number[]): { slots: Slot[]; heredocs: Heredoc[] } {
  const slotAt = new Map(slotOffsets.map((offset, i) => [offset, i]));
  const slots: Slot[] = new Array(slotOffsets.length);
  const heredocs: Heredoc[] = [];
  const heredocLiteral: boolean[] = [];
  const pending: PendingHeredoc[] = [];
  const stack: Frame[] = [{ kind: 'code', closer: 'none', depth: 0 }];
  const top = () => stack[stack.length - 1] as Frame;
  let escapedNext = false;

  const startHeredoc = (at: number) => {
    const next = pending.shift();
    if (!next) return;
    heredocs.push({ delimiter: next.delimiter, stripTabs: next.stripTabs, bodyStart: at, bodyEnd: text.length });
    heredocLiteral.push(next.literal);
    stack.push({ kind: 'heredoc', index: heredocs.length - 1, literal: next.literal, atLineStart: true });
  };

  let i = 0;
  while (i < text.length) {
    const frame = top();
    const c = text[i] as string;
    const slot = slotAt.get(i);
    if (slot !== undefined) {
      slots[slot] = describeSlot(stack, escapedNext);
    }
    if (escapedNext) {
      escapedNext = false;
      i++;
      continue;
    }

    if (frame.kind === 'heredoc') {
      if (frame.atLineStart) {
        const lineEnd = text.indexOf('\n', i);
        const line = text.slice(i, lineEnd < 0 ? text.length : lineEnd);
        const heredoc = heredocs[frame.index] as Heredoc;
        const compared = heredoc.stripTabs ? line.replace(/^\t+/, '') : line;
        if (compared === heredoc.delimiter && !lineHasSlot(slotAt, i, i + line.length)) {
          heredoc.bodyEnd = i;
          stack.pop();
          i = lineEnd < 0 ? text.length : lineEnd + 1;
          startHeredoc(i);
          continue;
        }
        frame.atLineStart = false;
      }
      if (c === '\n') frame.atLineStart = true;
      else if (!frame.literal) {
        if (c === '\\') escapedNext = true;
        else if (c === '`') stack.push({ kind: 'code', closer: 'backquote', depth: 0 });
        else if (c === '$') i += openDollar(text, i, stack, true) - 1; // no $'...' in a heredoc
      }
      i++;
      continue;
    }

    switch (frame.kind) {
      case 'single':
        if (c === "'") stack.pop();
        break;
      case 'ansi':
        if (c === '\\') escapedNext = true;
        else if (c === "'") stack.pop();
        break;
      case 'comment':
        if (c === '\n') {
          stack.pop();
          continue; // the newline ends the command line: let the code frame see it
        }
        break;
      case 'double':
        if (c === '\\') escapedNext = true;
        else if (c === '"') stack.pop();
        else if (c === '`') stack.push({ kind: 'code', closer: 'backquote', depth: 0 });
        else if (c === '$') {
          i += openDollar(text, i, stack, true);
          continue;
        }
        break;
      case 'param':
        if (c === '\\') escapedNext = true;
        else if (c === '}') {
          if (frame.depth === 0) stack.pop();
          else frame.depth--;
        } else if (c === '{') frame.depth++;
        else if (c === '"') stack.push({ kind: 'double' });
        else if (c === "'" && !frame.inDouble) stack.push({ kind: 'single' });
        else if (c === '`') stack.push({ kind: 'code', closer: 'backquote', depth: 0 });
        else if (c === '$') {
          i += openDollar(text, i, stack, frame.inDouble);
          continue;
        }
        break;
      case 'arith':
        if (c === '(') frame.depth++;
        else if (c === ')') {
          if (frame.depth > 0) frame.depth--;
          else if (text[i + 1] === ')') {
            stack.pop();
            i += 2;
            continue;
          }
        } else if (c === '$') {
          i += openDollar(text, i, stack, false);
          continue;
        } else if (c === '`') stack.push({ kind: 'code', closer: 'backquote', depth: 0 });
        break;
      case 'code': {
        if (c === '\\') escapedNext = true;
        else if (c === "'") stack.push({ kind: 'single' });
        else if (c === '"') stack.push({ kind: 'double' });
        else if (c === '`') {
          if (frame.closer === 'backquote') stack.pop();
          else stack.push({ kind: 'code', closer: 'backquote', depth: 0 });
        } else if (c === '$') {
          i += openDollar(text, i, stack, false);
          continue;
        } else if (c === '#' && (i === 0 || WORD_BREAK.has(text[i - 1] as string))) {
          stack.push({ kind: 'comment' });
        } else if (c === '(' && frame.closer === 'paren') frame.depth++;
        else if (c === ')' && frame.closer === 'paren') {
          if (frame.depth === 0) stack.pop();
          else frame.depth--;
        } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
          i = readHeredocOperator(text, i, pending);
          continue;
        } else if (c === '<' && text[i + 1] === '<' && text[i + 2] === '<') {
          i += 3; // a here-string: its word is ordinary code
          continue;
        } else if (c === '\n' && pending.length > 0) {
          startHeredoc(i + 1);
        }
        break;
      }
    }
    i++;
  }
  for (let k = 0; k < slots.length; k++) {
    slots[k] ??= { context: 'bare', inBackquotes: false, escaped: false };
  }
  return { slots, heredocs };
}

function lineHasSlot(slotAt: Map<number, number>, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (slotAt.has(k)) return true;
  return false;
}

function describeSlot(stack: Frame[], escaped: boolean): Slot {
  const frame = stack[stack.length - 1] as Frame;
  const inBackquotes = stack.some((f) => f.kind === 'code' && f.closer === 'backquote');
  let context: QuoteContext;
  let heredoc: number | undefined;
  switch (frame.kind) {
    case 'code':
      context = 'bare';
      break;
    case 'double':
      context = 'double';
      break;
    case 'single':
      context = 'single';
      break;
    case 'ansi':
      context = 'ansi';
      break;
    case 'param':
      context = frame.inDouble ? 'param-double' : 'bare';
      break;
    case 'arith':
      context = 'arith';
      break;
    case 'comment':
      context = 'comment';
      break;
    case 'heredoc':
      context = frame.literal ? 'heredoc-literal' : 'heredoc';
      heredoc = frame.index;
      break;
  }
  // A backslash before a slot only escapes in contexts where backslashes escape.
  const escapes = escaped && context !== 'single' && context !== 'heredoc-literal' && context !== 'comment';
  return { context, inBackquotes, escaped: escapes, ...(heredoc !== undefined && { heredoc }) };
}

/** Handles `$` at `i`; returns how many characters it consumed. */
function openDollar(text: string, i: number, stack: Frame[], inDouble: boolean): number {
  const next = text[i + 1];
  if (next === '(' && text[i + 2] === '(') {
    stack.push({ kind: 'arith', depth: 0 });
    return 3;
  }
  if (next === '(') {
    stack.push({ kind: 'code', closer: 'paren', depth: 0 });
    return 2;
  }
  if (next === '{') {
    stack.push({ kind: 'param', inDouble, depth: 0 });
    return 2;
  }
  if (next === "'" && !inDouble) {
    stack.push({ kind: 'ansi' });
    return 2;
  }
  if (next === '"' && !inDouble) {
    stack.push({ kind: 'double' });
    return 2;
  }
  return 1;
}

/** Reads `<<[-] WORD` at `i`, queues the heredoc, returns the offset after the word. */
function readHeredocOperator(text: string, i: number, pending: PendingHeredoc[]): number {
  let at = i + 2;
  const stripTabs = text[at] === '-';
  if (stripTabs) at++;
  while (text[at] === ' ' || text[at] === '\t') at++;
  let word = '';
  let literal = false;
  let quote: string | undefined;
  while (at < text.length) {
    const c = text[at] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      literal = true;
    } else if (c === '\\') {
      literal = true;
      at++;
      word += text[at] ?? '';
    } else if (WORD_BREAK.has(c)) break;
    else word += c;
    at++;
  }
  if (word !== '') pending.push({ delimiter: word, stripTabs, literal });
  return at;
}
