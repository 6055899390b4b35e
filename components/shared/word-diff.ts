/**
 * A word-level comparison of two versions of a text, for the conflict view: which words of each
 * version the other does not have. The longest common subsequence of words, so a sentence moved
 * or reworded shows only what changed.
 * @internal shared by the conflict view
 */

/** One run of words: in both versions, or only in this one. */
export interface DiffPart {
  text: string;
  /** Whether only this version has these words. */
  changed: boolean;
}

/** Above this many word pairs, the texts are compared as wholes (a diff that big helps no one). */
const MAX_CELLS = 400_000;

const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

function runs(words: readonly string[], changed: readonly boolean[]): DiffPart[] {
  const parts: DiffPart[] = [];
  words.forEach((word, i) => {
    // Spaces belong to the run around them, so a changed phrase is marked as one.
    const mark = /^\s+$/.test(word) ? (parts.at(-1)?.changed ?? false) && (changed[i + 1] ?? false) : changed[i]!;
    const last = parts.at(-1);
    if (last && last.changed === mark) last.text += word;
    else parts.push({ text: word, changed: mark });
  });
  return parts;
}

/** `mine` and `theirs` as runs of words, those only one of them has marked `changed`. */
export function wordDiff(mine: string, theirs: string): { mine: DiffPart[]; theirs: DiffPart[] } {
  const a = tokens(mine);
  const b = tokens(theirs);
  if (mine === theirs) return { mine: runs(a, a.map(() => false)), theirs: runs(b, b.map(() => false)) };
  if (a.length * b.length > MAX_CELLS) return { mine: mine ? [{ text: mine, changed: true }] : [], theirs: theirs ? [{ text: theirs, changed: true }] : [] };
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const inA = a.map(() => true);
  const inB = b.map(() => true);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inA[i] = false;
      inB[j] = false;
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i += 1;
    else j += 1;
  }
  return { mine: runs(a, inA), theirs: runs(b, inB) };
}

/** A field's value as text to compare: lists one item a line, objects their values. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join('\n');
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map(valueText).filter(Boolean).join(' · ');
  return String(value);
}

const ID = /^[a-z][a-z0-9]*-[a-z0-9-]+$/i;

/**
 * Whether a field's value is words people wrote (a string, or a list of them), so comparing its
 * text helps; ids, numbers and structured rows are not (the view says only that they changed).
 */
export function isText(value: unknown): boolean {
  if (typeof value === 'string') return !ID.test(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && !ID.test(item));
}
