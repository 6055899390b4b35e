/** Writes the embed page's index.html, embed.js and embed.css into `out` (see embed-page.js). */
export function writeEmbedPage(out: string): void;
