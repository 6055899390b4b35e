/**
 * On a phone the app's header row stays at the top of the screen (see plc-app.styles.ts). A
 * control that takes focus by keyboard could then sit under it, out of sight (WCAG 2.2, 2.4.11
 * "Focus not obscured"): this scrolls the page just enough to show it below the header.
 * @internal
 */

/** Scrolls the control that took focus (`event`) out from under `bar`, when the bar is stuck at the top. */
export function keepFocusInSight(bar: HTMLElement | null, event: FocusEvent): void {
  if (!bar || getComputedStyle(bar).position !== 'sticky') return;
  const target = event.composedPath()[0];
  if (!(target instanceof Element)) return;
  const hidden = bar.getBoundingClientRect().bottom - target.getBoundingClientRect().top;
  // A small gap, so the focus outline shows too.
  if (hidden > 0) window.scrollBy(0, -(hidden + 8));
}
