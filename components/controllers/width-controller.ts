import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Follows the width of the host, or of an element in its shadow root, so SVG charts (which do
 * not reflow by themselves) can be drawn to fit. Changes of a few pixels are ignored, and the
 * host re-renders in the next task: re-rendering inside the observer's callback would loop it.
 * @example
 * ```ts
 * private readonly chart = new WidthController(this, 640);
 * render() { return intervalChart(rows, { width: this.chart.width, summary }); }
 * ```
 * @internal shared by the chart elements
 */
export class WidthController implements ReactiveController {
  /** The last width measured, in CSS pixels (`initial` until the first measurement). */
  width: number;

  private observer: ResizeObserver | undefined;
  private observed: Element | undefined;

  /**
   * @param initial the width to draw at before the first measurement
   * @param target the element to measure, looked up after each render (the host when omitted);
   *   when it is replaced, the new one is measured
   */
  constructor(
    private readonly host: Host,
    initial: number,
    private readonly target?: () => Element | null | undefined,
  ) {
    this.width = initial;
    host.addController(this);
  }

  hostConnected(): void {
    this.follow(this.target ? this.target() : this.host);
  }

  hostUpdated(): void {
    if (this.target) this.follow(this.target());
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private follow(element: Element | null | undefined): void {
    if (!element || element === this.observed) return;
    this.observer ??= new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && Math.abs(width - this.width) > 4) {
        setTimeout(() => {
          this.width = width;
          this.host.requestUpdate();
        });
      }
    });
    if (this.observed) this.observer.unobserve(this.observed);
    this.observed = element;
    this.observer.observe(element);
  }
}
