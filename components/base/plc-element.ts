import { LitElement, type PropertyDeclarations, type ReactiveController, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { VERSION } from '../../src/version.js';
import { sessionContext, type PlcSession } from '../context/session.js';
import { noSessionNotice } from '../shared/no-session.js';

/**
 * A controller that loads what its host shows (an enquiry, records, a query): `loaded` resolves
 * when the load (or step) under way has finished. The base element waits for every one of them.
 */
export interface LoadingController extends ReactiveController {
  readonly loaded: Promise<void>;
}

const isLoading = (controller: ReactiveController): controller is LoadingController =>
  'loaded' in controller && (controller as { loaded?: unknown }).loaded instanceof Promise;

/** Rounds of "wait for the loads, then the render" before `loaded` gives up waiting for quiet. */
const MAX_ROUNDS = 10;

/**
 * The unstyled base of every plc-kit element: it reads the session from the nearest
 * `<plc-provider>`, re-renders when the locale changes, carries plc-kit's version so two copies
 * on one page can tell each other apart, and says when it has loaded. Public elements extend it
 * and stay thin.
 *
 * **One "loaded" contract.** `await element.loaded` resolves once everything the element shows
 * has loaded and rendered: every loading controller it holds (enquiry, store queries, record
 * editors) has finished, and the update that follows is done. Tests, `<plc-app>` (to move focus
 * to a view's heading) and hosts await it; `updateComplete` keeps Lit's meaning (one render).
 * @example
 * ```ts
 * const board = document.querySelector('plc-evidence-board')!;
 * await board.loaded;
 * board.focusHeading();
 * ```
 */
export class PlcElement extends LitElement {
  /** The plc-kit version that defined this element. */
  static readonly plcKitVersion = VERSION;

  static override properties: PropertyDeclarations = { session: { state: true }, providerOpening: { state: true } };

  /**
   * The session from the nearest `<plc-provider>`. Integrators without a provider may set it
   * directly.
   */
  declare session: PlcSession | undefined;

  /**
   * Whether a `<plc-provider>` around the element has answered without a session yet (it is
   * opening its store): the element then says it is loading, not that it needs a provider.
   */
  protected declare providerOpening: boolean;

  private readonly loaders = new Set<LoadingController>();

  constructor() {
    super();
    this.providerOpening = false;
    new ContextConsumer(this, {
      context: sessionContext,
      subscribe: true,
      callback: (session) => {
        this.session = session;
        this.providerOpening = session === undefined;
      },
    });
    updateWhenLocaleChanges(this);
  }

  override addController(controller: ReactiveController): void {
    super.addController(controller);
    if (isLoading(controller)) this.loaders.add(controller);
  }

  override removeController(controller: ReactiveController): void {
    super.removeController(controller);
    this.loaders.delete(controller as LoadingController);
  }

  /**
   * Resolves when what the element shows has loaded and rendered: every loading controller has
   * finished (a load started meanwhile is waited for too) and the last update is done.
   */
  get loaded(): Promise<void> {
    return this.untilLoaded();
  }

  private async untilLoaded(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      await this.updateComplete;
      const pending = [...this.loaders].map((loader) => loader.loaded);
      await Promise.all(pending);
      await this.updateComplete;
      // Quiet when no load started while waiting and no update is queued.
      const same = [...this.loaders].every((loader, i) => loader.loaded === pending[i]);
      if (same && !this.isUpdatePending) return;
    }
  }

  /** What to show with no session: loading while the provider opens, else `warning` (see {@link noSessionNotice}). */
  protected noSessionNotice(warning: () => string): TemplateResult {
    return noSessionNotice(this.providerOpening, warning);
  }

  /** The name of a person in the directory, or their id when unknown. */
  protected personName(id: string | undefined): string {
    if (!id) return '';
    return this.session?.directory.people.get(id)?.name ?? id;
  }

  /** The name of a theme, or its id when unknown. */
  protected themeName(id: string | undefined): string {
    if (!id) return '';
    return this.session?.directory.themes.get(id)?.name ?? id;
  }
}
