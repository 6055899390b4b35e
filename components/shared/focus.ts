/**
 * Where keyboard focus goes after a step replaces the control a person used (a form submitted,
 * a row removed, a dialog closed): to the heading of what is shown now or to the message that
 * says what happened, so the next Tab goes on from there instead of from the top of the page.
 * @internal shared by the elements
 */
import type { ReactiveControllerHost } from 'lit';

/** The focused element, looking through shadow roots; null when focus is on the body or nowhere. */
export function focusedElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return !active || active === document.body || active === document.documentElement ? null : active;
}

/** Whether focus is lost: on the body, nowhere, or on an element no longer in the page or disabled. */
export function focusLost(): boolean {
  const active = focusedElement();
  return !active || !active.isConnected || (active as HTMLButtonElement).disabled === true;
}

/**
 * Once `host` has rendered, moves focus to the first element of `ids` in its shadow root when focus
 * was lost, or when `always`; focus that a person or an enclosing view (a new stage heading) put
 * elsewhere is left there. The target is a heading or message with `tabindex="-1"`.
 * @returns whether focus moved there (the caller then leaves its status line empty: the focused
 * message is read out, and once is enough)
 */
export async function focusAfterStep(host: ReactiveControllerHost & HTMLElement, ids: string | readonly string[], always = false): Promise<boolean> {
  await host.updateComplete;
  if (!always && !focusLost()) return false;
  const target = (typeof ids === 'string' ? [ids] : ids).map((id) => host.shadowRoot?.getElementById(id)).find((found) => found);
  if (!target) return false;
  target.focus();
  return host.shadowRoot!.activeElement === target;
}
