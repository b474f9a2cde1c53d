import type { GitHubClient, IssueComment } from './client.js';

/** What keeping a marked comment did: at most one write, or none when it was already as it should be. */
export type MarkedCommentAction = 'created' | 'updated' | 'deleted' | 'unchanged' | 'none';

/**
 * Keeps at most one comment on an issue or pull request that starts with `marker` (a hidden HTML
 * comment, such as `<!-- dagline:dag-diff -->`): with a body, the first marked comment is edited
 * in place (or one is created), so every push updates the same comment; without one, marked
 * comments are deleted. Marked comments beyond the first (two runs that raced) are deleted, so
 * the comment is never duplicated. A comment that only quotes the marker (`> <!-- ...`) is not
 * marked: the marker must open the body. Costs one listing plus one request per change.
 */
export async function keepMarkedComment(
  client: GitHubClient,
  issueNumber: number,
  marker: string,
  body: string | undefined,
): Promise<{ action: MarkedCommentAction; comment?: IssueComment }> {
  if (body !== undefined && !body.startsWith(marker))
    throw new Error(`a marked comment's body must start with its marker ${marker}`);
  const marked = (await client.listIssueComments(issueNumber)).filter((c) => c.body.startsWith(marker));
  const [first, ...extra] = marked;
  for (const duplicate of body === undefined ? marked : extra) await client.deleteIssueComment(duplicate.id);
  if (body === undefined) return { action: marked.length ? 'deleted' : 'none' };
  if (!first) return { action: 'created', comment: await client.createIssueComment(issueNumber, body) };
  if (first.body === body) return { action: 'unchanged', comment: first };
  await client.updateIssueComment(first.id, body);
  return { action: 'updated', comment: { ...first, body } };
}
