import { splitTemplate, type TemplatePart } from '../expressions/template.js';
import {
  OperatorKind,
  operatorName,
  parseShell,
  type ShellDialect,
  type ShellNode,
  type ShellValue,
} from './shell-syntax.js';

/**
 * `${{ }}` values in a `run` script (SPEC 2.1): each value is escaped for the
 * quoting context it stands in, never inserted raw, so no value can run a
 * command. Bare, it becomes one single-quoted word; inside double quotes, `"`,
 * `$`, backquote and backslash are escaped; inside single quotes the quote is
 * closed, the value spliced quoted, and reopened. Heredoc bodies, `$'...'`,
 * comments and backquotes have rules of their own below.
 *
 * Quoting is not enough where the shell reads a value as code again: in
 * arithmetic (`$(( ))`, `(( ))`, `$[ ]`, `let`, `declare -i`, array
 * subscripts, `${v:offset:length}`, the integer operators of `[[ ]]`), bash
 * expands `$(...)` and `a[$(...)]` inside the text it evaluates, quoted or
 * not. A value that reaches such a place must be a plain integer; so must a
 * value assigned to a variable the script uses there. Where no value can ever
 * be safe (the argument of `eval`, the command string of `bash -c`, a `trap`
 * action, a variable's name) the template is refused when the file is checked.
 *
 * The context of each template comes from mvdan/sh's parse of the script with
 * every template replaced by a placeholder word (shell-syntax.ts).
 */

export type QuoteContext =
  'bare' | 'double' | 'param-double' | 'single' | 'ansi' | 'comment' | 'heredoc' | 'heredoc-literal';

export interface Slot {
  context: QuoteContext;
  /** Inside backquotes: the backquote pass strips one level of backslashes first. */
  inBackquotes: boolean;
  /** Where the shell evaluates the value again (`$(( ))`): it must be a plain integer. */
  evaluated?: string;
  /** Why no value can stand here; checked when the file is validated. */
  refused?: { message: string; hint: string };
  /** Index into `heredocs` when the slot stands in a heredoc body. */
  heredoc?: number;
  /** In a heredoc body (where no brace expansion happens), perhaps inside `${...}`. */
  inHeredoc?: boolean;
}

export interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
  /** Offsets of the body in the skeleton (the script with a placeholder per template). */
  bodyStart: number;
  bodyEnd: number;
}

export interface ShellTemplate {
  parts: TemplatePart[];
  /** One per `expr` part, in order. */
  slots: Slot[];
  heredocs: Heredoc[];
  /** The placeholder written for each `expr` part in the skeleton. */
  placeholders: string[];
}

export interface ShellSyntaxProblem {
  syntaxError: string;
  /** Offset into the script as written (templates included). */
  offset: number;
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

/** A plain integer: an optional sign and decimal digits, no leading zero (bash reads 010 as octal), at most 18 digits (no 64-bit wrap). */
export const PLAIN_INTEGER = /^[+-]?(0|[1-9][0-9]{0,17})$/;

const cache = new Map<string, ShellTemplate | ShellSyntaxProblem | { error: string; offset: number }>();

/**
 * The template of a `run` script for `shell` (bash or sh): where each
 * `${{ }}` stands. A template split error, or the script's first shell syntax
 * error (with templates standing in as words), is returned instead.
 */
export function analyzeShellTemplate(
  script: string,
  shell: 'bash' | 'sh' = 'bash',
): ShellTemplate | ShellSyntaxProblem | { error: string; offset: number } {
  const key = `${shell}\0${script}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const result = analyze(script, shell);
  if (cache.size >= 2000) cache.clear();
  cache.set(key, result);
  return result;
}

function analyze(
  script: string,
  shell: 'bash' | 'sh',
): ShellTemplate | ShellSyntaxProblem | { error: string; offset: number } {
  const split = splitTemplate(script);
  if (!split.ok) return { error: split.message, offset: split.offset };
  let skeleton = '';
  const starts: number[] = [];
  const placeholders: string[] = [];
  /** Skeleton offset -> script offset, at each part's start. */
  const partStarts: { skeleton: number; script: number }[] = [];
  let scriptAt = 0;
  for (const part of split.parts) {
    partStarts.push({ skeleton: skeleton.length, script: scriptAt });
    if (part.kind === 'text') {
      skeleton += part.text;
      scriptAt += part.text.length;
    } else {
      // A word in every context: letters, digits and `_` only, and no line a heredoc ends at.
      const placeholder = `DAGLINE${starts.length}x`;
      starts.push(skeleton.length);
      placeholders.push(placeholder);
      skeleton += placeholder;
      scriptAt += part.raw.length;
    }
  }
  const toScript = (offset: number) => {
    let best = { skeleton: 0, script: 0 };
    for (const p of partStarts) if (p.skeleton <= offset) best = p;
    return best.script + Math.max(0, offset - best.skeleton);
  };

  const dialect: ShellDialect = shell === 'sh' ? 'posix' : 'bash';
  const parsed = parseShell(skeleton, dialect);
  if (!parsed.ok) return { syntaxError: parsed.message, offset: toScript(parsed.offset) };
  if (starts.length === 0) return { parts: split.parts, slots: [], heredocs: [], placeholders };

  const main = new SlotFinder(skeleton, starts, placeholders, dialect).run(parsed.file);
  if (shell === 'sh') {
    // `sh` is dash on Debian and bash elsewhere (macOS): a value must be safe for both readings.
    const asBash = parseShell(skeleton, 'bash');
    if (asBash.ok) {
      const other = new SlotFinder(skeleton, starts, placeholders, 'bash').run(asBash.file);
      main.slots.forEach((slot, i) => {
        const b = other.slots[i] as Slot;
        slot.evaluated ??= b.evaluated;
        slot.refused ??= b.refused;
        if (!slot.refused && (b.context !== slot.context || b.inBackquotes !== slot.inBackquotes)) {
          slot.refused = {
            message: 'stands where dash and bash read a `sh` script differently',
            hint: 'pass the value through env: and read "$NAME" in the script',
          };
        }
      });
    }
  }
  return { parts: split.parts, slots: main.slots, heredocs: main.heredocs, placeholders };
}

// ---- finding each template's context ------------------------------------------

interface Context {
  quote: 'bare' | 'double' | 'param-double' | 'heredoc' | 'heredoc-literal';
  backquotes: boolean;
  evaluated?: string;
  refused?: { message: string; hint: string };
  heredoc?: number;
}

const ENV_HINT = 'pass the value through env: and read "$NAME" in the script';
const NAME_REFUSAL = {
  message: 'stands where the shell reads a variable name, and evaluates a subscript in it',
  hint: ENV_HINT,
};

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox', 'fish']);
/** Commands that run their arguments as a command: `sudo bash -c ...` is `bash -c ...`. */
const WRAPPERS = new Set([
  'command',
  'builtin',
  'exec',
  'env',
  'sudo',
  'nohup',
  'nice',
  'time',
  'timeout',
  'xargs',
  'stdbuf',
  'setsid',
  'doas',
  'chroot',
  'su',
  'flock',
  'ionice',
  'taskset',
  'watch',
  'strace',
  'unbuffer',
]);
const INTEGER_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class SlotFinder {
  readonly slots: (Slot | undefined)[];
  readonly heredocs: Heredoc[] = [];
  /** Assignments whose value holds templates: `n=${{ }}`, `declare n=...`, `for n in ...`. */
  private readonly assignments: { name: string; slots: number[]; valueText: string }[] = [];
  /** Variable names the shell evaluates as code: named in arithmetic, `${!x}`, `declare -i/-n`. */
  private readonly evaluatedNames = new Set<string>();
  private collecting: number[][] = [];

  constructor(
    private readonly skeleton: string,
    private readonly starts: number[],
    private readonly placeholders: string[],
    private readonly dialect: ShellDialect,
  ) {
    this.slots = new Array(starts.length);
  }

  run(file: ShellNode): { slots: Slot[]; heredocs: Heredoc[] } {
    this.stmts(file.Stmts, { quote: 'bare', backquotes: false });
    this.comments(file.Last);
    this.followVariables();
    const slots = this.slots.map(
      (slot) =>
        slot ?? {
          context: 'bare' as const,
          inBackquotes: false,
          refused: { message: 'stands where dagline cannot tell how the shell reads it', hint: ENV_HINT },
        },
    );
    return { slots, heredocs: this.heredocs };
  }

  // -- leaves

  /** Gives every template inside [from, to) of the skeleton the context. */
  private place(from: number, to: number, context: QuoteContext, ctx: Context): void {
    this.starts.forEach((start, i) => {
      if (start < from || start >= to || this.slots[i]) return;
      const slot: Slot = { context, inBackquotes: ctx.backquotes };
      if (ctx.evaluated) slot.evaluated = ctx.evaluated;
      if (ctx.heredoc !== undefined) {
        slot.heredoc = ctx.heredoc;
        slot.inHeredoc = true;
      }
      const refused = ctx.refused ?? this.escapedBefore(start, context, ctx.backquotes);
      if (refused) slot.refused = refused;
      this.slots[i] = slot;
      for (const list of this.collecting) list.push(i);
    });
  }

  /** A backslash right before the template would eat the quote that protects the value. */
  private escapedBefore(start: number, context: QuoteContext, backquotes: boolean): Slot['refused'] {
    if (context === 'single' || context === 'heredoc-literal' || context === 'comment') return undefined;
    let backslashes = 0;
    while (this.skeleton[start - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 1 || (backquotes && backslashes > 0))
      return {
        message: 'follows a backslash, where no value can be quoted safely',
        hint: 'remove the backslash, or put the value in double quotes',
      };
    return undefined;
  }

  private lit(node: ShellValue, ctx: Context): void {
    const lit = node as ShellNode | undefined;
    if (!lit) return;
    const from = lit.ValuePos as number;
    // mvdan/sh's end of a heredoc's text runs past its delimiter line: the value's length bounds it.
    const to = Math.min(lit.ValueEnd as number, from + String(lit.Value).length);
    this.place(from, to, ctx.quote === 'param-double' ? 'param-double' : ctx.quote, ctx);
  }

  /** A name (`n=`, `$n`, `for n`, `f()`): a template there is refused. */
  private name(node: ShellValue, ctx: Context): void {
    this.lit(node, { ...ctx, refused: ctx.refused ?? NAME_REFUSAL });
  }

  private comments(list: ShellValue): void {
    for (const comment of (list as ShellNode[] | undefined) ?? []) {
      const hash = comment.Hash as number;
      const end = this.skeleton.indexOf('\n', hash);
      this.place(hash, end < 0 ? this.skeleton.length : end, 'comment', { quote: 'bare', backquotes: false });
    }
  }

  // -- statements and commands

  private stmts(list: ShellValue, ctx: Context): void {
    for (const stmt of (list as ShellNode[] | undefined) ?? []) this.stmt(stmt, ctx);
  }

  private stmt(stmt: ShellNode | undefined, ctx: Context): void {
    if (!stmt) return;
    this.comments(stmt.Comments);
    const cmd = stmt.Cmd as ShellNode | undefined;
    // A heredoc or here-string given to a shell, `eval` or `source` is code.
    const feedsCode = cmd?.type === 'CallExpr' && readsCodeFromInput(commandWords(cmd, this.skeleton));
    for (const redirect of (stmt.Redirs as ShellNode[] | undefined) ?? []) this.redirect(redirect, ctx, feedsCode);
    this.command(cmd, ctx);
  }

  private redirect(redirect: ShellNode, ctx: Context, feedsCode: boolean): void {
    const op = operatorName((redirect.Op as number) + OperatorKind.redirect);
    const codeCtx: Context = feedsCode
      ? { ...ctx, refused: ctx.refused ?? { message: 'is input a shell runs as code', hint: ENV_HINT } }
      : ctx;
    if (op === '<<' || op === '<<-') {
      const delimiterWord = redirect.Word as ShellNode;
      this.word(delimiterWord, {
        ...ctx,
        refused: { message: "stands in a heredoc's delimiter", hint: 'write the delimiter as it is' },
      });
      const body = redirect.Hdoc as ShellNode | undefined;
      if (!body) return;
      const quoted = ((delimiterWord.Parts as ShellNode[]) ?? []).some(
        (p) => p.type !== 'Lit' || String(p.Value).includes('\\'),
      );
      const parts = (body.Parts as ShellNode[]) ?? [];
      const bodyStart = parts.length ? nodeStart(parts[0] as ShellNode) : -1;
      const delimiter = unquotedText(delimiterWord, this.skeleton);
      const stripTabs = op === '<<-';
      this.heredocs.push({
        delimiter,
        stripTabs,
        bodyStart,
        bodyEnd: bodyEndAt(this.skeleton, bodyStart, delimiter, stripTabs),
      });
      this.word(body, { ...codeCtx, quote: quoted ? 'heredoc-literal' : 'heredoc', heredoc: this.heredocs.length - 1 });
      return;
    }
    this.word(redirect.Word as ShellNode, op === '<<<' ? codeCtx : ctx);
  }

  private command(cmd: ShellNode | undefined, ctx: Context): void {
    if (!cmd) return;
    const bare: Context = { ...ctx, quote: 'bare' };
    switch (cmd.type) {
      case 'CallExpr':
        for (const assign of (cmd.Assigns as ShellNode[]) ?? []) this.assign(assign, bare, '');
        this.callArgs(cmd, bare);
        return;
      case 'IfClause':
        this.stmts(cmd.Cond, bare);
        this.stmts(cmd.Then, bare);
        this.comments(cmd.CondLast);
        this.comments(cmd.ThenLast);
        this.comments(cmd.Last);
        this.command(cmd.Else as ShellNode | undefined, bare);
        return;
      case 'WhileClause':
        this.stmts(cmd.Cond, bare);
        this.stmts(cmd.Do, bare);
        this.comments(cmd.CondLast);
        this.comments(cmd.DoLast);
        return;
      case 'ForClause': {
        const loop = cmd.Loop as ShellNode;
        if (loop.type === 'WordIter') {
          this.name(loop.Name, bare);
          const slots = this.collect(() => {
            for (const item of (loop.Items as ShellNode[]) ?? []) this.word(item, bare);
          });
          this.recordAssignment(loop.Name as ShellNode, slots, loop.Items as ShellNode[]);
        } else {
          const arith = { ...bare, evaluated: ctx.evaluated ?? 'for (( ))' };
          this.arithm(loop.Init, arith);
          this.arithm(loop.Cond, arith);
          this.arithm(loop.Post, arith);
        }
        this.stmts(cmd.Do, bare);
        this.comments(cmd.DoLast);
        return;
      }
      case 'CaseClause':
        this.word(cmd.Word as ShellNode, bare);
        for (const item of (cmd.Items as ShellNode[]) ?? []) {
          this.comments(item.Comments);
          for (const pattern of (item.Patterns as ShellNode[]) ?? []) this.word(pattern, bare);
          this.stmts(item.Stmts, bare);
          this.comments(item.Last);
        }
        this.comments(cmd.Last);
        return;
      case 'Block':
      case 'Subshell':
        this.stmts(cmd.Stmts, bare);
        this.comments(cmd.Last);
        return;
      case 'FuncDecl':
        this.name(cmd.Name, bare);
        this.stmt(cmd.Body as ShellNode, bare);
        return;
      case 'BinaryCmd': {
        const op = operatorName((cmd.Op as number) + OperatorKind.binaryCmd);
        const right = (cmd.Y as ShellNode).Cmd as ShellNode | undefined;
        // `... | bash`: what the left side prints, a shell runs.
        const intoShell =
          (op === '|' || op === '|&') &&
          right?.type === 'CallExpr' &&
          readsCodeFromInput(commandWords(right, this.skeleton));
        this.stmt(
          cmd.X as ShellNode,
          intoShell ? { ...bare, refused: bare.refused ?? { message: 'is piped into a shell', hint: ENV_HINT } } : bare,
        );
        this.stmt(cmd.Y as ShellNode, bare);
        return;
      }
      case 'TimeClause':
        this.stmt(cmd.Stmt as ShellNode, bare);
        return;
      case 'CoprocClause':
        if (cmd.Name) this.word(cmd.Name as ShellNode, { ...bare, refused: NAME_REFUSAL });
        this.stmt(cmd.Stmt as ShellNode, bare);
        return;
      case 'ArithmCmd':
        this.arithm(cmd.X, { ...bare, evaluated: ctx.evaluated ?? '(( ))' });
        return;
      case 'LetClause':
        for (const expr of (cmd.Exprs as ShellNode[]) ?? [])
          this.arithm(expr, { ...bare, evaluated: ctx.evaluated ?? 'let' });
        return;
      case 'TestClause':
        this.test(cmd.X as ShellNode, bare);
        return;
      case 'DeclClause':
        this.declaration(cmd, bare);
        return;
      default:
      // Unknown commands leave their templates without a context: refused (see run()).
    }
  }

  /** The words of a simple command, with what bash does to each. */
  private callArgs(cmd: ShellNode, ctx: Context): void {
    const args = (cmd.Args as ShellNode[]) ?? [];
    const words = commandWords(cmd, this.skeleton);
    const roles = argumentRoles(words, this.dialect);
    args.forEach((arg, i) => {
      const role = roles[i];
      if (role === 'code')
        this.word(arg, {
          ...ctx,
          refused: ctx.refused ?? {
            message: `is run as code by ${words[roleOwner(roles, i, words)] ?? 'the command'}`,
            hint: ENV_HINT,
          },
        });
      else if (role === 'name') this.evaluatedWord(arg, ctx, 'a variable name');
      else if (role === 'integer') this.evaluatedWord(arg, ctx, `${words[0] ?? 'the command'}'s integer operand`);
      else this.word(arg, ctx);
    });
  }

  private declaration(cmd: ShellNode, ctx: Context): void {
    const variant = String((cmd.Variant as ShellNode | undefined)?.Value ?? '');
    let flags = variant === 'nameref' ? 'n' : '';
    for (const arg of (cmd.Args as ShellNode[]) ?? []) {
      const value = arg.Value as ShellNode | undefined;
      if (arg.Naked && !arg.Name && value) {
        const text = literalText(value, this.skeleton);
        if (text !== undefined && /^[-+][A-Za-z]+$/.test(text)) {
          flags += text.slice(1);
          this.word(value, ctx);
        } else {
          // `declare "$x"`: the word is read as a name, or an assignment with a subscript.
          this.word(value, { ...ctx, refused: ctx.refused ?? NAME_REFUSAL });
          for (const name of identifiers(this.rawText(value))) this.evaluatedNames.add(name);
        }
        continue;
      }
      if (arg.Naked && arg.Name && /[in]/.test(flags)) this.evaluatedNames.add(String((arg.Name as ShellNode).Value));
      this.assign(arg, ctx, flags);
    }
  }

  private assign(assign: ShellNode, ctx: Context, flags: string): void {
    const name = assign.Name as ShellNode | undefined;
    if (name) this.name(name, ctx);
    if (assign.Index) this.arithm(assign.Index, { ...ctx, evaluated: ctx.evaluated ?? 'an array subscript' });
    const evaluated = /[in]/.test(flags) ? (flags.includes('i') ? `${'declare -i'}` : 'declare -n') : undefined;
    const valueCtx: Context = {
      ...ctx,
      ...((ctx.evaluated ?? evaluated) && { evaluated: ctx.evaluated ?? evaluated }),
    };
    if (name && evaluated) this.evaluatedNames.add(String(name.Value));
    const slots = this.collect(() => {
      if (assign.Value) this.word(assign.Value as ShellNode, valueCtx);
      const array = assign.Array as ShellNode | undefined;
      for (const elem of (array?.Elems as ShellNode[] | undefined) ?? []) {
        if (elem.Index) this.arithm(elem.Index, { ...ctx, evaluated: ctx.evaluated ?? 'an array subscript' });
        if (elem.Value) this.word(elem.Value as ShellNode, valueCtx);
        this.comments(elem.Comments);
      }
      if (array) this.comments(array.Last);
    });
    if (name) this.recordAssignment(name, slots, [assign.Value as ShellNode, assign.Array as ShellNode]);
  }

  private recordAssignment(name: ShellNode, slots: number[], values: (ShellNode | undefined)[]): void {
    if (slots.length === 0 && !values.some(Boolean)) return;
    const valueText = values
      .filter((v): v is ShellNode => v !== undefined)
      .map((v) => this.rawText(v))
      .join(' ');
    this.assignments.push({ name: String(name.Value), slots, valueText });
  }

  private test(node: ShellNode | undefined, ctx: Context): void {
    if (!node) return;
    switch (node.type) {
      case 'BinaryTest': {
        const op = operatorName((node.Op as number) + OperatorKind.binaryTest);
        if (op && INTEGER_TESTS.has(op)) {
          const evaluated = { ...ctx, evaluated: ctx.evaluated ?? `[[ ${op} ]]` };
          this.evaluatedOperand(node.X as ShellNode, evaluated);
          this.evaluatedOperand(node.Y as ShellNode, evaluated);
        } else {
          this.test(node.X as ShellNode, ctx);
          this.test(node.Y as ShellNode, ctx);
        }
        return;
      }
      case 'UnaryTest': {
        const op = operatorName((node.Op as number) + OperatorKind.unaryTest);
        if (op === '-v' || op === '-R')
          this.evaluatedOperand(node.X as ShellNode, { ...ctx, evaluated: ctx.evaluated ?? `[[ ${op} ]]` });
        else this.test(node.X as ShellNode, ctx);
        return;
      }
      case 'ParenTest':
        this.test(node.X as ShellNode, ctx);
        return;
      case 'Word':
        this.word(node, ctx);
        return;
      default:
    }
  }

  private evaluatedOperand(node: ShellNode, ctx: Context): void {
    if (node.type === 'Word') this.evaluatedWord(node, ctx, ctx.evaluated as string);
    else this.test(node, ctx);
  }

  /** A word bash reads as an expression or a name: its variables are evaluated too. */
  private evaluatedWord(word: ShellNode, ctx: Context, why: string): void {
    for (const name of identifiers(this.rawText(word))) this.evaluatedNames.add(name);
    this.word(word, { ...ctx, evaluated: ctx.evaluated ?? why });
  }

  // -- words

  private word(word: ShellNode | undefined, ctx: Context): void {
    if (!word) return;
    for (const part of (word.Parts as ShellNode[]) ?? []) this.wordPart(part, ctx);
  }

  private wordPart(part: ShellNode, ctx: Context): void {
    switch (part.type) {
      case 'Lit':
        this.lit(part, ctx);
        return;
      case 'SglQuoted': {
        const dollar = Boolean(part.Dollar);
        const refused =
          dollar && this.dialect === 'posix'
            ? { message: "stands in $'...', which dash and bash read differently", hint: ENV_HINT }
            : undefined;
        this.place(part.Left as number, part.Right as number, dollar ? 'ansi' : 'single', {
          ...ctx,
          ...(refused && !ctx.refused && { refused }),
        });
        return;
      }
      case 'DblQuoted': {
        const refused =
          part.Dollar && this.dialect === 'posix'
            ? { message: 'stands in $"...", which dash and bash read differently', hint: ENV_HINT }
            : undefined;
        const inner: Context = { ...ctx, quote: 'double', ...(refused && !ctx.refused && { refused }) };
        for (const p of (part.Parts as ShellNode[]) ?? []) this.wordPart(p, inner);
        return;
      }
      case 'ParamExp':
        this.paramExp(part, ctx);
        return;
      case 'CmdSubst':
        this.stmts(part.Stmts, { ...ctx, quote: 'bare', backquotes: ctx.backquotes || Boolean(part.Backquotes) });
        this.comments(part.Last);
        return;
      case 'ProcSubst':
        this.stmts(part.Stmts, { ...ctx, quote: 'bare' });
        this.comments(part.Last);
        return;
      case 'ArithmExp':
        this.arithm(part.X, { ...ctx, evaluated: ctx.evaluated ?? (part.Bracket ? '$[ ]' : '$(( ))') });
        return;
      case 'ExtGlob':
        this.lit(part.Pattern, {
          ...ctx,
          refused: ctx.refused ?? { message: 'stands in an extended glob pattern', hint: ENV_HINT },
        });
        return;
      case 'BraceExp':
        for (const elem of (part.Elems as ShellNode[]) ?? []) this.word(elem, ctx);
        return;
      default:
    }
  }

  private paramExp(part: ShellNode, ctx: Context): void {
    const param = part.Param as ShellNode | undefined;
    if (param) this.name(param, ctx);
    if (part.Excl && param) this.evaluatedNames.add(String(param.Value));
    if (part.Index) this.arithm(part.Index, { ...ctx, evaluated: ctx.evaluated ?? 'an array subscript' });
    const slice = part.Slice as ShellNode | undefined;
    if (slice) {
      const evaluated = { ...ctx, evaluated: ctx.evaluated ?? '${v:offset:length}' };
      this.arithm(slice.Offset, evaluated);
      this.arithm(slice.Length, evaluated);
    }
    // Inside "${v:-...}" (and in a heredoc) bash still pairs quotes: nested double quotes hold any value.
    const inner: Context = {
      ...ctx,
      quote:
        ctx.quote === 'double' || ctx.quote === 'heredoc' || ctx.quote === 'param-double' ? 'param-double' : 'bare',
    };
    const repl = part.Repl as ShellNode | undefined;
    if (repl) {
      this.word(repl.Orig as ShellNode, inner);
      this.word(repl.With as ShellNode, inner);
    }
    const exp = part.Exp as ShellNode | undefined;
    if (exp) this.word(exp.Word as ShellNode, inner);
  }

  /** An arithmetic expression: every variable named in it is evaluated, and every template must be an integer. */
  private arithm(node: ShellValue, ctx: Context): void {
    const expr = node as ShellNode | undefined;
    if (!expr) return;
    switch (expr.type) {
      case 'BinaryArithm':
        this.arithm(expr.X, ctx);
        this.arithm(expr.Y, ctx);
        return;
      case 'UnaryArithm':
      case 'ParenArithm':
        this.arithm(expr.X, ctx);
        return;
      case 'Word':
        for (const name of identifiers(this.rawText(expr))) this.evaluatedNames.add(name);
        this.word(expr, ctx);
        return;
      default:
    }
  }

  // -- variables that carry a value into arithmetic

  private collect(fn: () => void): number[] {
    const list: number[] = [];
    this.collecting.push(list);
    try {
      fn();
    } finally {
      this.collecting.pop();
    }
    return list;
  }

  /**
   * `n=${{ }}; echo $((n + 1))`: bash evaluates n's value as an expression.
   * A name is evaluated when arithmetic names it, or when it is assigned to
   * an evaluated name (`m=n`, `m=$n`): every template assigned to an
   * evaluated name must be an integer.
   */
  private followVariables(): void {
    let grew = true;
    while (grew) {
      grew = false;
      for (const assignment of this.assignments) {
        if (!this.evaluatedNames.has(assignment.name)) continue;
        for (const name of identifiers(assignment.valueText)) {
          if (!this.evaluatedNames.has(name)) {
            this.evaluatedNames.add(name);
            grew = true;
          }
        }
      }
    }
    for (const assignment of this.assignments) {
      if (!this.evaluatedNames.has(assignment.name)) continue;
      for (const i of assignment.slots) {
        const slot = this.slots[i];
        if (slot && !slot.evaluated) slot.evaluated = `$${assignment.name}, which the script uses in arithmetic`;
      }
    }
  }

  private rawText(node: ShellNode): string {
    const from = nodeStart(node);
    const to = nodeEnd(node, this.skeleton);
    let text = from >= 0 && to > from ? this.skeleton.slice(from, to) : '';
    for (const placeholder of this.placeholders) text = text.split(placeholder).join(' ');
    return text;
  }
}

// ---- commands and what their arguments are -------------------------------------

type Role = 'data' | 'code' | 'name' | 'integer';

/** The literal text of each word of a command (undefined where it is not a plain literal). */
function commandWords(cmd: ShellNode, skeleton: string): (string | undefined)[] {
  return ((cmd.Args as ShellNode[]) ?? []).map((w) => literalText(w, skeleton));
}

/**
 * The arguments of a `command:` (a program and its arguments, no shell in between) that a shell
 * it starts runs as code: the string after `-c` of `bash -c`, `env A=1 sh -c`, `sudo bash -c`...
 * with the program that runs it. `words` are the arguments, `undefined` where a template decides
 * how one begins (it could be an option, such as `-c`).
 */
export function argumentsRunAsCode(words: (string | undefined)[]): { index: number; by: string }[] {
  const roles = argumentRoles(words, 'bash');
  return roles.flatMap((role, index) =>
    role === 'code' ? [{ index, by: words[roleOwner(roles, index, words)] ?? 'the command' }] : [],
  );
}

/** Index of the command a word belongs to (after wrappers): for messages. */
function roleOwner(roles: Role[], i: number, words: (string | undefined)[]): number {
  let owner = 0;
  for (let k = 0; k < i; k++) if (words[k] !== undefined && commandStart(words, k)) owner = k;
  return owner;
}

function commandStart(words: (string | undefined)[], k: number): boolean {
  const word = words[k];
  return word !== undefined && (word === 'eval' || word === 'trap' || SHELLS.has(baseName(word)));
}

function baseName(word: string): string {
  return word.replace(/^.*\//, '');
}

/** The role of each argument of a simple command, for the commands whose arguments bash reads again. */
function argumentRoles(words: (string | undefined)[], dialect: ShellDialect): Role[] {
  const roles: Role[] = words.map(() => 'data');
  let i = 0;
  // Skip wrappers and their options: `sudo -u x bash -c ...`, `env A=1 bash -c ...`, `timeout 5 sh -c ...`.
  while (i < words.length) {
    const word = words[i];
    if (word === undefined || !WRAPPERS.has(baseName(word))) break;
    i++;
    while (i < words.length) {
      const next = words[i];
      if (
        next === undefined ||
        !(next.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(next) || /^\d+[smhd]?$/.test(next))
      )
        break;
      i++;
    }
  }
  const name = words[i];
  if (name === undefined) return roles;
  const command = baseName(name);
  const rest = (from: number, role: Role) => {
    for (let k = from; k < words.length; k++) roles[k] = role;
  };
  if (command === 'eval') rest(i + 1, 'code');
  else if (command === 'trap') {
    let k = i + 1;
    while (words[k] !== undefined && /^-/.test(words[k] as string) && words[k] !== '-') k++;
    if (k < words.length) roles[k] = 'code';
  } else if (SHELLS.has(command)) {
    // `bash -c CODE name args...`: the string after -c is code, the rest are its positional params.
    for (let k = i + 1; k < words.length; k++) {
      const word = words[k];
      if (word === undefined) {
        roles[k] = 'code'; // an option or the code string itself, dagline cannot tell: refused
        continue;
      }
      if (word === '--' || (!word.startsWith('-') && !word.startsWith('+'))) break;
      if (/^-[A-Za-z]*c/.test(word)) {
        let code = k + 1;
        while (words[code] !== undefined && /^[-+][A-Za-z]+$/.test(words[code] as string)) code++;
        if (code < words.length) roles[code] = 'code';
        for (let opt = k + 1; opt < code; opt++) roles[opt] = 'code';
        break;
      }
      if (word === '-o' || word === '+o' || word === '-O' || word === '+O') k++;
    }
  } else if (command === 'source' || command === '.') {
    // The file it reads is code; a path from a value picks a file, as a command name does.
  } else if (command === 'read') {
    for (let k = i + 1; k < words.length; k++) {
      const word = words[k];
      if (word !== undefined && /^-[a-zA-Z]*[pdtnNuia]$/.test(word)) {
        roles[k + 1] = word.endsWith('a') ? 'name' : 'data';
        k++;
      } else if (word === undefined || !word.startsWith('-')) roles[k] = 'name';
    }
  } else if (command === 'printf') {
    if (words[i + 1] === '-v') roles[i + 2] = 'name';
    else if (words[i + 1] === undefined) roles[i + 1] = 'name'; // it could be -v
  } else if (command === 'test' || command === '[') {
    // bash's test reads the operand of -v as a variable name (a subscript in it is evaluated).
    for (let k = i + 1; k < words.length; k++) if (words[k] === '-v' || words[k] === '-R') roles[k + 1] = 'name';
  } else if (command === '[[' && dialect === 'posix') {
    // An `sh` script read by bash: `[[` is bash's test, its integer operators evaluate both sides.
    for (let k = i + 1; k < words.length; k++) {
      const word = words[k];
      if (word !== undefined && INTEGER_TESTS.has(word)) {
        roles[k - 1] = 'integer';
        if (k + 1 < words.length) roles[k + 1] = 'integer';
      }
      if (word === '-v' || word === '-R') roles[k + 1] = 'name';
    }
  } else if (command === 'let') {
    rest(i + 1, 'integer');
  } else if (
    [
      'declare',
      'typeset',
      'local',
      'export',
      'readonly',
      'unset',
      'mapfile',
      'readarray',
      'getopts',
      'wait',
      'nameref',
    ].includes(command)
  ) {
    // Only reached when the parser did not read it as a declaration (e.g. after a wrapper).
    rest(i + 1, 'name');
  }
  // A template as (part of) the command itself, then options we could not read: no role beyond data.
  return roles;
}

/** Whether a command runs what it reads on its input as code: `bash`, `sh -s`, `eval`, `source /dev/stdin`. */
function readsCodeFromInput(words: (string | undefined)[]): boolean {
  let i = 0;
  while (i < words.length && words[i] !== undefined && WRAPPERS.has(baseName(words[i] as string))) {
    i++;
    while (i < words.length && words[i] !== undefined && (words[i] as string).startsWith('-')) i++;
  }
  const name = words[i];
  if (name === undefined) return false;
  const command = baseName(name);
  if (command === 'eval') return false; // eval reads its arguments, not its input
  if (command === 'source' || command === '.')
    return words.slice(i + 1).some((w) => w === undefined || /^\/dev\/(stdin|fd\/0)$/.test(w));
  if (!SHELLS.has(command)) return false;
  // A shell with a script file or -c reads its code from there, not from its input.
  for (let k = i + 1; k < words.length; k++) {
    const word = words[k];
    if (word === undefined) return true;
    if (word === '-s') return true;
    if (/^-[A-Za-z]*c/.test(word)) return false;
    if (!word.startsWith('-') && !word.startsWith('+')) return false;
  }
  return true;
}

/** The text of a word that is a plain literal (`bash`, `'-c'`, `"x"`), else undefined. */
function literalText(word: ShellNode, skeleton: string): string | undefined {
  let text = '';
  for (const part of (word.Parts as ShellNode[]) ?? []) {
    if (part.type === 'Lit') text += skeleton.slice(part.ValuePos as number, part.ValueEnd as number);
    else if (part.type === 'SglQuoted' && !part.Dollar)
      text += skeleton.slice((part.Left as number) + 1, part.Right as number);
    else if (part.type === 'DblQuoted' && ((part.Parts as ShellNode[]) ?? []).every((p) => p.type === 'Lit'))
      text += ((part.Parts as ShellNode[]) ?? [])
        .map((p) => skeleton.slice(p.ValuePos as number, p.ValueEnd as number))
        .join('');
    else return undefined;
  }
  if (/DAGLINE\d+x/.test(text)) return undefined;
  return text.replace(/\\(.)/g, '$1');
}

/** A heredoc delimiter as the shell compares it: quotes removed. */
function unquotedText(word: ShellNode, skeleton: string): string {
  return literalText(word, skeleton) ?? skeleton.slice(nodeStart(word), nodeEnd(word, skeleton));
}

/** Where a heredoc body ends: the start of its first line that is the delimiter (mvdan/sh's own end runs past it). */
function bodyEndAt(skeleton: string, bodyStart: number, delimiter: string, stripTabs: boolean): number {
  if (bodyStart < 0) return -1;
  let at = bodyStart;
  while (at < skeleton.length) {
    const end = skeleton.indexOf('\n', at);
    const line = skeleton.slice(at, end < 0 ? skeleton.length : end);
    if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) return at;
    if (end < 0) break;
    at = end + 1;
  }
  return skeleton.length;
}

function identifiers(text: string): string[] {
  return text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}

/** The first offset of a node, from its own positions or its first child's. */
function nodeStart(node: ShellNode): number {
  let best = Infinity;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') continue;
    if (typeof value === 'number' && isPositionField(key) && value >= 0) best = Math.min(best, value);
    else if (Array.isArray(value)) {
      if (value.length) best = Math.min(best, nodeStart(value[0] as ShellNode));
    } else if (value && typeof value === 'object') best = Math.min(best, nodeStart(value));
  }
  return best === Infinity ? -1 : best;
}

/** Just past the last character of a node (an over-estimate is harmless: it is used for names and bounds). */
function nodeEnd(node: ShellNode, skeleton: string): number {
  let best = -1;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') continue;
    if (typeof value === 'number' && isPositionField(key) && value >= 0) {
      const width = key === 'Right' || key === 'Rbrace' || key === 'Rparen' ? closingWidth(skeleton, value) : 0;
      best = Math.max(best, value + width);
    } else if (Array.isArray(value)) {
      if (value.length) best = Math.max(best, nodeEnd(value[value.length - 1] as ShellNode, skeleton));
    } else if (value && typeof value === 'object') best = Math.max(best, nodeEnd(value, skeleton));
  }
  return best;
}

function closingWidth(skeleton: string, at: number): number {
  return skeleton.startsWith('))', at) ? 2 : 1;
}

function isPositionField(key: string): boolean {
  return /^(ValuePos|ValueEnd|Left|Right|Rbrace|Dollar|OpPos|Lparen|Rparen|Hash|Position|Let)$/.test(key);
}

// ---- rendering -----------------------------------------------------------------

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
    const index = slotIndex++;
    const slot = template.slots[index] as Slot;
    const placeholderLength = (template.placeholders[index] as string).length;
    if (slot.heredoc !== undefined && !heredocPart.has(slot.heredoc)) heredocPart.set(slot.heredoc, part);
    const value = valueOf(part);
    if (value === undefined) out += part.raw;
    else out += placeValue(value, slot, part);
    skeletonAt += placeholderLength;
    // A heredoc body that ends right after a template (no newline of its own).
    if (template.heredocs.length > 0) {
      template.heredocs.forEach((h, i) => {
        const span = bodyOut[i]!;
        if (span.end < 0 && h.bodyEnd === skeletonAt) span.end = out.length;
      });
    }
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

/** One value, checked and escaped for its slot; throws UnsafeValueError when it cannot stand there. */
function placeValue(value: string, slot: Slot, part: TemplatePart & { kind: 'expr' }): string {
  if (slot.refused) throw new UnsafeValueError(`${part.raw} ${slot.refused.message}`, part);
  if (value.includes('\0'))
    throw new UnsafeValueError(`the value of ${part.raw} holds a NUL byte, which a shell cannot carry`, part);
  if (slot.context === 'param-double' && !slot.inHeredoc && value.includes('{'))
    // bash brace-expands "${x:-"{a,b}"}" (its brace scan takes the inner quotes as closing the
    // outer ones), and no escape of `{` survives in there: the value would not arrive intact.
    throw new UnsafeValueError(
      `the value of ${part.raw} holds a "{", which bash would brace-expand inside "\${...}"`,
      part,
    );
  if (slot.evaluated) {
    if (!PLAIN_INTEGER.test(value))
      throw new UnsafeValueError(
        `the value of ${part.raw} reaches ${slot.evaluated}, where the shell evaluates it as code: it must be a plain integer, not ${shownValue(value)}`,
        part,
      );
    return value;
  }
  return quoteForContext(value, slot);
}

function shownValue(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 40)}...` : value;
  return JSON.stringify(cut);
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
