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
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(word.length, 3) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** `did you mean "x"?` or undefined, ready to be an error's hint. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[-_ ]/g, '');
}
