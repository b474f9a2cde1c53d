import { distance } from 'fastest-levenshtein';

/**
 * The closest of `candidates` to `word`, when it is close enough to be what
 * the user meant: same text but for case, `_` against `-`, or a few typos.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    if (fold(candidate) === folded) return candidate;
    const d = isOneSwap(word.toLowerCase(), candidate.toLowerCase())
      ? 1
      : distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // One- and two-letter names are all one edit apart: only case and - or _ can match them.
  const allowed = word.length <= 2 ? 0 : Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** `did you mean "x"?` or undefined, ready to be an error's hint. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}

/** `dya` against `day`: one swap of neighbours, which edit distance counts as two. */
function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[-_ ]/g, '');
}

/** Longest a name is shown in a list of names: past it, cut with `...`. */
const SHOWN_NAME = 60;

/**
 * Names for a message or a hint: at most `max`, each cut to SHOWN_NAME characters, and how many
 * there are in all when some are left out. A message is one line, and a matrix's leg names can be
 * many and long (they hold its values).
 */
export function someNames(names: readonly string[], max = 8): string {
  const shown = names
    .slice(0, max)
    .map((name) => (name.length > SHOWN_NAME ? `${name.slice(0, SHOWN_NAME - 3)}...` : name))
    .join(', ');
  return names.length > max ? `${shown}, ... (${names.length} in all)` : shown;
}
