/**
 * The data tables behind a chart element's charts: which are open (every one when the element
 * shows all its tables), and the button that opens and closes one of them.
 * @internal shared by the chart elements
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** Which of an element's tables are open, keyed by what each table shows. */
export class TableToggles {
  private open: ReadonlySet<string> = new Set();

  /** @param showAll whether every table is shown from the start (the button is then left out) */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly showAll: () => boolean,
  ) {}

  /** Whether the table `key` is shown. */
  isOpen(key: string): boolean {
    return this.showAll() || this.open.has(key);
  }

  /** Opens the table `key` when it is closed, and closes it when it is open. */
  toggle(key: string): void {
    const next = new Set(this.open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.open = next;
    this.host.requestUpdate();
  }

  /** Closes every table (when the element shows other data). */
  reset(): void {
    if (this.open.size === 0) return;
    this.open = new Set();
    this.host.requestUpdate();
  }

  /**
   * The button (`part="toggle"`) that shows or hides the table `key`, whose wrapper has the id
   * `tableId`; nothing when every table is shown anyway.
   */
  button(key: string, tableId: string, texts: { show: string; hide: string }): TemplateResult | typeof nothing {
    if (this.showAll()) return nothing;
    const open = this.open.has(key);
    return html`<button class="toggle" part="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${tableId} @click=${() => this.toggle(key)}>
      ${open ? texts.hide : texts.show}
    </button>`;
  }
}
