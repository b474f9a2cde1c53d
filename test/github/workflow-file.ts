// A workflow file read as GitHub reads it: @actions/workflow-parser parses and validates it against
// GitHub's workflow schema (any error fails the test that runs it, with the parser's message) and
// converts it (jobs, needs, the `if` each job and step gets, step ids). The parser's model leaves
// some keys out (permissions, timeout-minutes, with, shell, run-name, workflow_call outputs...):
// those are read from the parsed tokens, which the parser has validated all the same.
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference';
import { child } from './expressions.js';

export class WorkflowFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid workflow:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export interface LoadedWorkflow {
  /** `.github/workflows/x.yml` */
  path: string;
  text: string;
  /** `name:`, or the path when there is none (as GitHub names runs). */
  name: string;
  template: WorkflowTemplate;
  /** The whole file as parsed tokens. */
  root: TemplateToken;
  /** Each job's tokens, by job id. */
  jobTokens: Map<string, TemplateToken>;
}

/**
 * Reads another file of the repository at the same commit, or a workflow of another repository
 * (`owner/repo/path@ref`); undefined when it is not there.
 */
export type ReadFile = (path: string) => string | undefined;

/** A called workflow as `uses:` names it: `path` in this repository, or `owner/repo/path@ref` in another. */
function referencedPath(ref: FileReference): string {
  const r = ref as unknown as { path?: string; owner?: string; repository?: string; version?: string };
  if (r.owner !== undefined) return `${r.owner}/${r.repository}/${r.path}@${r.version}`;
  return (r.path ?? '').replace(/^\.\//, '');
}

export async function loadWorkflow(path: string, text: string, readFile: ReadFile): Promise<LoadedWorkflow> {
  const trace = new NoOperationTraceWriter();
  const parsed = parseWorkflow({ name: path, content: text }, trace);
  const problems = parsed.context.errors.getErrors().map((e) => e.message);
  if (problems.length || !parsed.value) throw new WorkflowFileError(path, problems.length ? problems : ['empty']);
  const template = await convertWorkflowTemplate(
    parsed.context,
    parsed.value,
    {
      // The parser checks a call's `with` and `secrets` against the called workflow's declarations.
      getFileContent: async (ref: FileReference) => {
        const called = referencedPath(ref);
        const content = readFile(called);
        if (content === undefined) throw new Error(`${called} does not exist at this commit`);
        return { name: called, content };
      },
    },
    // Depth is checked by the runner across levels (GitHub: 10 levels, the caller included).
    { fetchReusableWorkflowDepth: 1, maxReusableWorkflowDepth: 10 },
  );
  const converted = [
    ...(template.errors ?? []).map((e) => e.Message),
    ...parsed.context.errors.getErrors().map((e) => e.message),
  ];
  if (converted.length) throw new WorkflowFileError(path, [...new Set(converted)]);
  const jobsToken = child(parsed.value, 'jobs');
  const jobTokens = new Map<string, TemplateToken>();
  for (const job of template.jobs) {
    const token = child(jobsToken, job.id.value);
    if (token) jobTokens.set(job.id.value, token);
  }
  const nameToken = child(parsed.value, 'name');
  const name = nameToken && 'value' in nameToken ? String((nameToken as { value: unknown }).value) : path;
  return { path, text, name, template, root: parsed.value, jobTokens };
}
