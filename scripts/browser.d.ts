// Types of scripts/browser.js, for the TypeScript tests that launch Debian's Chromium.
/** The Chromium executable: CHROME_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM: string;
/** Flags every launch uses (no sandbox as root, no GPU, no background networking). */
export const CHROMIUM_ARGS: string[];
/** The browser's path; installs Debian's chromium when it is missing and this is root, else throws with the command to run. */
export function ensureChromium(): string;
