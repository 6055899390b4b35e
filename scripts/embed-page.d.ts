/** Writes the embed page's index.html, embed.js and embed.css into `out` (see embed-page.js). */
export function writeEmbedPage(out: string): void;
/** The files of the page itself, which its service worker precaches. */
export const EMBED_PAGE_FILES: readonly string[];
