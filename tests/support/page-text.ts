/**
 * Reading a page's text from Node (puppeteer-core), through shadow roots, for the tests that
 * drive Chromium against a real server (tests/server/*-frame, demo-server).
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'puppeteer-core';

/**
 * The text of the document, through shadow roots. A string, not a function: tsx compiles the
 * tests with esbuild's name helpers, which do not exist in the page.
 */
export const VISIBLE_TEXT = `(() => {
  const texts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return texts.join(' ').replace(/\\s+/g, ' ');
})()`;

/**
 * Waits until the text of `frame` (through shadow roots) contains `text`; the error quotes what
 * the frame shows. Polled from Node: a page whose policy has no 'unsafe-eval' refuses
 * puppeteer's in-page waitForFunction.
 */
export async function waitForText(frame: Pick<Frame, 'evaluate'>, text: string, timeout = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const seen = String(await frame.evaluate(VISIBLE_TEXT));
    if (seen.includes(text)) return;
    if (Date.now() - started > timeout) throw new Error(`Timed out waiting for "${text}"; the page shows: ${seen.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Presses the button named `name` (its accessible name), through shadow roots. */
export async function pressButton(page: Page, name: string, timeout = 30_000): Promise<void> {
  const found = await page.waitForSelector(`::-p-aria([name="${name}"][role="button"])`, { timeout });
  assert.ok(found, `a button named "${name}"`);
  await found.click();
}

/** Replaces what the field `selector` (inside any shadow root) holds with `text`, typed key by key. */
export async function typeIn(page: Page, selector: string, text: string): Promise<void> {
  const input = await page.waitForSelector(`pierce/${selector}`);
  assert.ok(input, selector);
  await input.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await input.type(text);
}

/** The value of the field `selector`, through shadow roots. */
export async function valueOf(page: Page, selector: string, timeout = 30_000): Promise<string> {
  const input = await page.waitForSelector(`pierce/${selector}`, { timeout });
  assert.ok(input, selector);
  return input.evaluate((el) => (el as HTMLInputElement).value);
}
