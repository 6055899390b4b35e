/**
 * Survey codes: the short code a teacher reads out or writes on the board, and students type at
 * `/s/<code>`. Seven characters from an alphabet with no look-alikes (no 0/O, 1/I/L, nor U/V
 * pairs read aloud as one), so a class copies it right the first time; case, spaces and dashes
 * are ignored when typed. The server issues one per survey, valid while the survey is open.
 * @module
 */

/** The characters a code is made of: digits 2-9 and capitals without I, L, O and U. */
export const SURVEY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The length of a code. 30^7 is about 22 billion codes, so guessing one is hopeless at the rate limits. */
export const SURVEY_CODE_LENGTH = 7;

const PATTERN = new RegExp(`^[${SURVEY_CODE_ALPHABET}]{${SURVEY_CODE_LENGTH}}$`);

/**
 * A code as typed, made canonical: capitals, with spaces, dashes and dots removed. Returns
 * `undefined` when what remains is not a code (wrong length, or a character codes never hold).
 * @example
 * ```ts
 * normaliseSurveyCode(' k7p-4qx m'); // 'K7P4QXM'
 * normaliseSurveyCode('K0P4QXM');    // undefined (0 is never used)
 * ```
 */
export function normaliseSurveyCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s.\-_]+/g, '');
  return PATTERN.test(code) ? code : undefined;
}

/**
 * A new random code. `randomInt(n)` must give a uniform integer in `[0, n)` from a
 * cryptographic source (`node:crypto`'s `randomInt` on the server).
 */
export function newSurveyCode(randomInt: (max: number) => number): string {
  let code = '';
  for (let i = 0; i < SURVEY_CODE_LENGTH; i += 1) code += SURVEY_CODE_ALPHABET[randomInt(SURVEY_CODE_ALPHABET.length)];
  return code;
}

/** A code as it is shown: in two groups for reading aloud (`K7P 4QXM`). */
export const displaySurveyCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;
