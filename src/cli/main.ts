import { Command, CommanderError, Option } from 'commander';
import { asDaglineError, ExitCode } from '../errors/dagline-error.js';
import { formatErrorLine } from '../errors/format-error.js';
import { printable } from '../render/printable.js';
import type { CompileFlags } from './commands/compile.js';
import type { DiffFormat } from './commands/diff.js';
import type { DispatchFlags } from './commands/dispatch.js';
import type { GraphFormat } from './commands/graph.js';
import type { LogsFlags } from './commands/logs.js';
import type { RunFlags } from './commands/run.js';
import type { PruneFlags } from './commands/runs.js';
import type { ValidateFormat } from './commands/validate.js';
import { ReportedErrors } from './reported-errors.js';
import type { CliIo } from './io.js';
import { collect, collectList, yamlLimits } from './options.js';

export const VERSION = '0.1.0';

// Each command's code is imported when that command runs, not when the CLI starts: the bundle
// splits at these imports (dist/cli/), so `dagline run` never compiles the GitHub client and
// `dagline --help` nothing but the command line. Compiling what a command never uses was most of
// dagline's start-up on a Node without a compile cache (docs/benchmarks.md, start-up).

const sizeOption = () => new Option('--max-file-size <size>', 'refuse pipeline files larger than this (default 1MiB)');

/**
 * Runs the command line and returns its exit code (SPEC section 3). Every
 * error ends as one line on stderr; `DAGLINE_DEBUG=1` adds the stack of an
 * internal error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('dagline')
    .enablePositionalOptions()
    .description('A CI-native pipeline runner: validate, graph, plan and run YAML DAGs of tasks.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // Commander's own errors are printed below, as one line like every other error.
      outputError: () => {},
    });

  /** The state store a command works on (--state-dir, else DAGLINE_STATE_DIR, else the repository's). */
  const storeAt = async (stateDir: string | undefined) =>
    (await import('./commands/state-store.js')).storeFor(stateDir, io.env);

  program
    .command('validate')
    .description('check pipeline files and folders (default: pipelines/)')
    .argument('[paths...]', 'pipeline files or folders to search for .yml/.yaml files')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .addOption(sizeOption())
    .action(async (paths: string[], opts: { format: ValidateFormat; maxFileSize?: string }) => {
      const { printValidation, validatePaths } = await import('./commands/validate.js');
      exitCode = printValidation(validatePaths(paths, yamlLimits(opts.maxFileSize)), opts.format, io);
    });

  program
    .command('graph')
    .description('print the DAG of a pipeline: stages as subgraphs, groups nested')
    .argument('<file>', 'the pipeline file')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'dot', 'json']).default('mermaid'))
    .addOption(sizeOption())
    .action(async (file: string, opts: { format: GraphFormat; maxFileSize?: string }) => {
      const [{ renderGraph }, { loadOrReport }] = await Promise.all([
        import('./commands/graph.js'),
        import('./commands/load-one.js'),
      ]);
      io.out(renderGraph(loadOrReport(file, yamlLimits(opts.maxFileSize), io).pipeline, opts.format));
    });

  program
    .command('diff')
    .description("what HEAD changes in BASE's DAG: tasks, edges, params, the critical path")
    .argument('<base>', 'the pipeline before: a file, or REF:PATH read with git show (main:pipelines/x.yml)')
    .argument('<head>', 'the pipeline after: a file, or REF:PATH')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(sizeOption())
    .action(async (base: string, head: string, opts: { format: DiffFormat; maxFileSize?: string }) => {
      const { diffCommand } = await import('./commands/diff.js');
      diffCommand(base, head, opts.format, yamlLimits(opts.maxFileSize), io);
    });

  program
    .command('plan')
    .description('show what a run would do: conditions resolved, matrices expanded, waves, commands, critical path')
    .argument('<file>', 'the pipeline file')
    .option('-p, --param <name=value>', 'a run parameter (repeatable)', collect, [])
    .option(
      '--only <selectors>',
      'only these tasks or stages; +x adds what x needs, x+ what needs x (repeatable, comma-separated)',
      collectList,
      [],
    )
    .option(
      '--from <tasks>',
      'these tasks and everything downstream of them (repeatable, comma-separated)',
      collectList,
      [],
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(sizeOption())
    .action(
      async (
        file: string,
        opts: { param: string[]; only: string[]; from: string[]; format: 'text' | 'json'; maxFileSize?: string },
      ) => {
        const [{ planFromFlags, renderPlan }, { loadOrReport }] = await Promise.all([
          import('./commands/plan.js'),
          import('./commands/load-one.js'),
        ]);
        const { pipeline, placeOfParam } = loadOrReport(file, yamlLimits(opts.maxFileSize), io, { calls: true });
        io.out(renderPlan(planFromFlags(pipeline, opts, io, placeOfParam), opts.format));
      },
    );

  program
    .command('run')
    .description('run a pipeline on this machine, recording the run in the state store')
    .argument('[file]', 'the pipeline file (may be left out with --resume RUN)')
    .option('-p, --param <name=value>', 'a run parameter (repeatable)', collect, [])
    .option('-c, --concurrency <n>', 'at most this many tasks at once (default: the number of cores)')
    .option(
      '--only <selectors>',
      'only these tasks or stages; +x adds what x needs, x+ what needs x (repeatable, comma-separated)',
      collectList,
      [],
    )
    .option(
      '--from <tasks>',
      'these tasks and everything downstream of them (repeatable, comma-separated)',
      collectList,
      [],
    )
    .option(
      '--resume [run]',
      'continue a failed, cancelled or killed run (default: the latest of this pipeline); finished tasks are not run again',
    )
    .option('--dry-run', 'go through the run without starting anything or recording it')
    .option('--state-dir <dir>', 'where runs are recorded (default: $DAGLINE_STATE_DIR or .dagline)')
    .addOption(sizeOption())
    .action(async (file: string | undefined, opts: RunFlags & { maxFileSize?: string }) => {
      const { runCommand } = await import('./commands/run.js');
      exitCode = await runCommand(file, opts, yamlLimits(opts.maxFileSize), io, io.interactive ?? false);
    });

  const runs = program
    .command('runs')
    .description('the run history (of one pipeline, or all); `runs show RUN` for one run')
    .argument('[pipeline]', 'only the runs of this pipeline')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--category <category>', 'only pipelines of this category')
    .option('--state-dir <dir>', 'the state store (default: $DAGLINE_STATE_DIR or .dagline)')
    // Options after `show` are show's own: both have --format.
    .enablePositionalOptions()
    .action(
      async (pipeline: string | undefined, opts: { format: 'text' | 'json'; category?: string; stateDir?: string }) => {
        const { listRuns } = await import('./commands/runs.js');
        exitCode = await listRuns(await storeAt(opts.stateDir), pipeline, opts, io);
      },
    );
  runs
    .command('show')
    .description('one run: its record, every task with status, attempts and duration, errors and extracts')
    .argument('<run>', 'a run id, or the start of one')
    .addOption(
      new Option('--format <format>', 'output format (markdown: the summary GitHub shows, with Mermaid pictures)')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--state-dir <dir>', 'the state store (default: $DAGLINE_STATE_DIR or .dagline)')
    .action(async (run: string, opts: { format: 'text' | 'json' | 'markdown'; stateDir?: string }) => {
      const { showRun } = await import('./commands/runs.js');
      exitCode = await showRun(
        await storeAt(opts.stateDir ?? runs.opts<{ stateDir?: string }>().stateDir),
        run,
        opts.format,
        io,
      );
    });

  runs
    .command('prune')
    .description(
      'remove whole runs from the state store: past the newest N of each pipeline and/or older than an age; never a running run, nor one on hold or requires reads',
    )
    .argument('[pipeline]', "only this pipeline's runs")
    .option('--keep <n>', 'keep the newest N runs of each pipeline')
    .option('--older-than <age>', 'remove only runs started longer ago than this (30d, 12h, 1d12h)')
    .option('--dry-run', 'list what would be removed, removing nothing')
    .option('--state-dir <dir>', 'the state store (default: $DAGLINE_STATE_DIR or .dagline)')
    .action(async (pipeline: string | undefined, opts: PruneFlags & { stateDir?: string }) => {
      const { pruneRuns } = await import('./commands/runs.js');
      exitCode = await pruneRuns(
        await storeAt(opts.stateDir ?? runs.opts<{ stateDir?: string }>().stateDir),
        pipeline,
        opts,
        io,
      );
    });

  program
    .command('logs')
    .description("a task's log, from the state store: one task or leg, a matrix task's legs, or the whole run")
    .argument('<run>', 'a run id, the start of one, or a pipeline name for its latest run')
    .argument('[task]', 'a task, or a leg: "load (day)", load:day; without it, every task of the run')
    .option('--attempt <n>', 'this attempt (default: the last)')
    .option('-f, --follow', 'go on printing while the run runs: until the task ends, or the run for several')
    .option('--state-dir <dir>', 'the state store (default: $DAGLINE_STATE_DIR or .dagline)')
    .action(async (run: string, task: string | undefined, opts: LogsFlags & { stateDir?: string }) => {
      const { showLogs } = await import('./commands/logs.js');
      exitCode = await showLogs(await storeAt(opts.stateDir), run, task, opts, io);
    });

  program
    .command('release')
    .description('lift a pipeline from on hold: its next run executes')
    .argument('<pipeline>', 'the pipeline name')
    .option('--state-dir <dir>', 'the state store (default: $DAGLINE_STATE_DIR or .dagline)')
    .action(async (pipeline: string, opts: { stateDir?: string }) => {
      const { releasePipeline } = await import('./commands/runs.js');
      exitCode = await releasePipeline(await storeAt(opts.stateDir), pipeline, io);
    });

  program
    .command('compile')
    .description('write the GitHub Actions workflow of a pipeline (one job per task)')
    .argument('<file>', 'the pipeline file')
    .option(
      '-o, --output <path>',
      'where to write it (default: .github/workflows/dagline-<name>.yml at the repository root)',
    )
    .option('--check', 'write nothing; exit 1 when the file there differs from what compiling gives now')
    .option('--action <owner/repo@sha>', "dagline's action as the jobs use it, pinned by a full commit SHA")
    .addOption(sizeOption())
    .action(async (file: string, opts: CompileFlags & { maxFileSize?: string }) => {
      const { compileCommand } = await import('./commands/compile.js');
      exitCode = compileCommand(file, opts, yamlLimits(opts.maxFileSize), io);
    });

  program
    .command('dispatch')
    .description('start a run of a pipeline on GitHub Actions (its compiled workflow), once its params and guards hold')
    .argument('<file>', 'the pipeline file')
    .option('-p, --param <name=value>', 'a run parameter (repeatable)', collect, [])
    .option('--ref <ref>', 'the branch or tag to run on (default: in a workflow its own, else the default branch)')
    .option('--wait', 'follow the run to its end and exit with its result')
    .option('--release', 'lift the pipeline from on hold and run it')
    .addOption(sizeOption())
    .action(async (file: string, opts: DispatchFlags & { maxFileSize?: string }) => {
      const { dispatchCommand } = await import('./commands/dispatch.js');
      exitCode = await dispatchCommand(file, opts, yamlLimits(opts.maxFileSize), io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of pipeline files (for editors)')
    .action(async () => {
      const { pipelineJsonSchema } = await import('../pipeline-format/schema.js');
      io.out(`${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`);
    });

  if (argv.length === 0) {
    io.out(program.helpInformation());
    return ExitCode.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (thrown) {
    if (thrown instanceof ReportedErrors) return thrown.exitCode;
    if (thrown instanceof CommanderError) {
      if (thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version') return ExitCode.ok;
      if (thrown.code === 'commander.help') return ExitCode.usage; // help shown because no command was given
      const command = argv.find((a) => program.commands.some((c) => c.name() === a));
      // Commander puts its suggestion on a line of its own: it becomes the hint, in dagline's words.
      const [first, ...rest] = thrown.message.split('\n');
      const suggestion = /\(Did you mean (\S+)\?\)/.exec(rest.join(' '))?.[1];
      // Commander quotes the argument it refuses as it was typed.
      io.err(
        `${printable(first ?? '')} (${suggestion ? `did you mean "${printable(suggestion)}"?` : `see dagline ${command ? `${command} ` : ''}--help`})\n`,
      );
      return ExitCode.usage;
    }
    const error = asDaglineError(thrown);
    io.err(`${formatErrorLine(error)}\n`);
    if (io.env.DAGLINE_DEBUG && error.kind === 'internal' && 'causeStack' in error)
      io.err(`${String(error.causeStack)}\n`);
    return error.exitCode;
  }
}
