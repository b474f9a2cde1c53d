import type { CheckAnnotation, CheckConclusion, GitHubClient } from './client.js';

/** GitHub's limits for a check run's output: characters of `summary` and of `text`, annotations per request. */
export const CHECK_RUN_TEXT_LIMIT = 65_535;
export const ANNOTATIONS_PER_REQUEST = 50;

/** Text cut to GitHub's limit, saying so at the end, so that a large run never fails its own report. */
export function fitCheckRunText(text: string, limit = CHECK_RUN_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  const note =
    "\n\n… cut to fit GitHub's limit for a check run; the job summary and the run-record artifact hold it all.";
  return text.slice(0, limit - note.length) + note;
}

/**
 * Completes a check run with its conclusion, summary, text and every annotation: the first 50 with
 * the completion, the rest 50 per further update (GitHub appends each update's annotations), so a
 * run of any size costs one request plus one per 50 annotations beyond the first 50.
 */
export async function completeCheckRun(
  client: GitHubClient,
  checkRunId: number,
  result: {
    conclusion: CheckConclusion;
    title: string;
    summary: string;
    text?: string;
    annotations: CheckAnnotation[];
  },
): Promise<number> {
  const output = fittedOutput(result);
  const batches = annotationBatches(result.annotations);
  await client.updateCheckRun(checkRunId, {
    status: 'completed',
    conclusion: result.conclusion,
    output: { ...output, ...(batches[0] !== undefined && { annotations: batches[0] }) },
  });
  for (const batch of batches.slice(1)) {
    await client.updateCheckRun(checkRunId, {
      output: { title: output.title, summary: output.summary, annotations: batch },
    });
  }
  return Math.max(1, batches.length);
}

/**
 * Creates a check run already completed (nothing runs in between, so it is never left in
 * progress) with the first 50 annotations, then sends the rest 50 per update: one request plus
 * one per 50 annotations beyond the first 50. Returns the check run and the requests made.
 */
export async function publishCheckRun(
  client: GitHubClient,
  run: {
    name: string;
    headSha: string;
    detailsUrl?: string;
    conclusion: CheckConclusion;
    title: string;
    summary: string;
    text?: string;
    annotations: CheckAnnotation[];
  },
): Promise<{ id: number; htmlUrl: string; requests: number }> {
  const output = fittedOutput(run);
  const [first, ...rest] = annotationBatches(run.annotations);
  const created = await client.createCheckRun({
    name: run.name,
    headSha: run.headSha,
    status: 'completed',
    conclusion: run.conclusion,
    ...(run.detailsUrl !== undefined && { detailsUrl: run.detailsUrl }),
    output: { ...output, ...(first !== undefined && { annotations: first }) },
  });
  for (const batch of rest) {
    await client.updateCheckRun(created.id, {
      output: { title: output.title, summary: output.summary, annotations: batch },
    });
  }
  return { ...created, requests: 1 + rest.length };
}

function fittedOutput(result: { title: string; summary: string; text?: string }): {
  title: string;
  summary: string;
  text?: string;
} {
  return {
    title: result.title,
    summary: fitCheckRunText(result.summary),
    ...(result.text !== undefined && { text: fitCheckRunText(result.text) }),
  };
}

/** Annotations in GitHub's batches of 50, in order. */
function annotationBatches(annotations: CheckAnnotation[]): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  return batches;
}
