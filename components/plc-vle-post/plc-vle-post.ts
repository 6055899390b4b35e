import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { PlcElement } from '../base/plc-element.js';
import { PlcErrorEvent } from '../events/error.js';
import { currentLocale } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { vlePostStyles } from './plc-vle-post.styles.js';
import { needsProviderText, tryAgainText } from '../strings.js';

/** What `POST /v1/vle/posts` answers. */
interface VlePost {
  kind: 'outcome' | 'booklet';
  title: string;
  url: string;
  snippet: string;
  iframe: string;
}

type Status = 'idle' | 'loading' | 'ready' | 'refused' | 'error' | 'offline' | 'stopped';

/** The server's language for the active locale. */
const postLang = (): 'en-GB' | 'en-US' | 'es' => {
  const locale = currentLocale();
  return locale === 'en-US' ? 'en-US' : locale.startsWith('es') ? 'es' : 'en-GB';
};

/**
 * "Post to your VLE": a published outcome (`enquiry-id`) or a cycle's booklet (`cycle-id`) as
 * the school's VLE takes it. One button asks the plc-kit server for the post; then the panel
 * shows the read-only page's link, the HTML snippet (in the subset Moodle's and Canvas's editors
 * keep) and the iframe code, each with a copy button, and says how to place it with the VLE's
 * own "add content" picker (LTI deep linking). Only an outcome published with the VLE among its
 * audiences can be posted; the server says why when it refuses. Without a server (the embedded
 * default) the panel says the post needs one. "Stop sharing" (after a confirmation) stops the
 * link: wherever it was placed, its page then says it is no longer shared (the server answers
 * 410), and getting the post again gives a new link.
 *
 * @summary The VLE post of a published outcome or a booklet: link, snippet, iframe code.
 * @event plc-error - The post could not be made (refused, offline, or the server failed).
 * @csspart snippet - The snippet's box and copy button.
 * @csspart iframe - The iframe code's box and copy button.
 * @csspart link - The read-only page's link.
 * @csspart stop - The "Stop sharing" button.
 */
export class PlcVlePost extends PlcElement {
  static override styles = [sharedStyles, vlePostStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    cycleId: { attribute: 'cycle-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    status: { state: true },
    post: { state: true },
    problem: { state: true },
    announcement: { state: true },
    confirming: { state: true },
    stopping: { state: true },
    stopProblem: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 3;
    this.status = 'idle';
    this.problem = '';
    this.announcement = '';
    this.confirming = false;
    this.stopping = false;
    this.stopProblem = '';
  }

  /** The enquiry whose published outcome to post. */
  declare enquiryId: string | undefined;

  /** The cycle whose booklet to post (when no `enquiry-id`). */
  declare cycleId: string | undefined;

  /** The level of the panel's heading (2 to 6). */
  declare headingLevel: number;

  private declare status: Status;
  private declare post: VlePost | undefined;
  private declare problem: string;
  private declare announcement: string;
  private declare confirming: boolean;
  private declare stopping: boolean;
  private declare stopProblem: string;

  /** The post once made (link, snippet, iframe code), or undefined. */
  get value(): VlePost | undefined {
    return this.post;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('enquiryId') || changed.has('cycleId')) {
      this.status = 'idle';
      this.post = undefined;
      this.announcement = '';
      this.confirming = false;
      this.stopProblem = '';
    }
  }

  /** Asks the server for the post (the same link each time). */
  async make(): Promise<void> {
    const server = this.session?.server;
    if (!server || (!this.enquiryId && !this.cycleId)) return;
    this.status = 'loading';
    const body = this.enquiryId ? { enquiryId: this.enquiryId, lang: postLang() } : { cycleId: this.cycleId, lang: postLang() };
    try {
      const response = await server.request('/v1/vle/posts', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
      const json = (await response.json().catch(() => undefined)) as (VlePost & { message?: string; reason?: string }) | undefined;
      if (!response.ok) {
        this.status = response.status === 403 || response.status === 404 ? 'refused' : 'error';
        this.problem =
          json?.reason === 'outcome-not-for-vle'
            ? msg('This outcome was not published for the VLE. Tick “The VLE” under “Share it through” and publish it again to post it.', { id: 'vle.not-for-vle' })
            : response.status === 404
              ? msg('There is no published outcome to post here yet.', { id: 'vle.nothing' })
              : (json?.message ?? `HTTP ${response.status}`);
        this.dispatchEvent(new PlcErrorEvent(this.problem, json));
        return;
      }
      this.post = json;
      this.status = 'ready';
      this.announcement = msg('The VLE post is ready.', { id: 'vle.ready' });
    } catch (error) {
      this.status = typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'error';
      this.problem = error instanceof Error ? error.message : String(error);
      this.dispatchEvent(new PlcErrorEvent(this.problem, error));
    }
  }

  /** Stops sharing through the link shown (the server's `DELETE /v1/vle/posts/<token>`). */
  async stop(): Promise<void> {
    const server = this.session?.server;
    const token = this.post && new URL(this.post.url).pathname.split('/').pop();
    if (!server || !token || this.stopping) return;
    this.stopping = true;
    this.stopProblem = '';
    try {
      const response = await server.request(`/v1/vle/posts/${encodeURIComponent(token)}`, { method: 'DELETE', headers: { accept: 'application/json' } });
      const json = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
      if (!response.ok) {
        this.stopProblem =
          response.status === 403
            ? msg('You cannot stop sharing this link: only whoever made it, the outcome’s members, CPD leaders and administrators can.', { id: 'vle.stop-refused' })
            : msg(str`Sharing could not be stopped: ${json?.message ?? `HTTP ${response.status}`}`, { id: 'vle.stop-error' });
        this.dispatchEvent(new PlcErrorEvent(this.stopProblem, json));
        return;
      }
      this.status = 'stopped';
      this.post = undefined;
      this.confirming = false;
      this.announcement = msg('Sharing stopped.', { id: 'vle.stopped-announce' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#vle-heading')?.focus();
    } catch (error) {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      this.stopProblem = offline
        ? msg('You are offline: sharing can be stopped once the server can be reached.', { id: 'vle.stop-offline' })
        : msg(str`Sharing could not be stopped: ${error instanceof Error ? error.message : String(error)}`, { id: 'vle.stop-error' });
      this.dispatchEvent(new PlcErrorEvent(this.stopProblem, error));
    } finally {
      this.stopping = false;
    }
  }

  private async askStop(open: boolean): Promise<void> {
    this.confirming = open;
    this.stopProblem = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? 'button.keep' : "[part='stop']")?.focus();
  }

  private renderStop() {
    if (!this.confirming) {
      return html`<div class="tools"><button class="danger" part="stop" @click=${() => void this.askStop(true)}>${msg('Stop sharing', { id: 'vle.stop' })}</button></div>`;
    }
    return html`<div class="notice warning confirm" role="group" aria-labelledby="vle-stop-question">
      <p id="vle-stop-question">
        ${msg('Stop sharing through this link? Wherever it was placed, its page will say it is no longer shared. This cannot be undone; you can get a new link afterwards.', { id: 'vle.stop-confirm' })}
      </p>
      ${this.stopProblem ? html`<p role="alert">${this.stopProblem}</p>` : nothing}
      <div class="tools">
        <button class="danger" ?disabled=${this.stopping} @click=${() => void this.stop()}>${msg('Yes, stop sharing', { id: 'vle.stop-yes' })}</button>
        <button class="keep" @click=${() => void this.askStop(false)}>${msg('Keep sharing', { id: 'vle.stop-no' })}</button>
      </div>
      ${this.stopping ? html`<p class="muted" role="status">${msg('Stopping…', { id: 'vle.stopping' })}</p>` : nothing}
    </div>`;
  }

  private async copy(which: 'snippet' | 'iframe'): Promise<void> {
    const text = this.post?.[which] ?? '';
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${which}`);
    try {
      await navigator.clipboard.writeText(text);
      this.announcement = which === 'snippet' ? msg('Snippet copied.', { id: 'vle.snippet-copied' }) : msg('Iframe code copied.', { id: 'vle.iframe-copied' });
    } catch {
      // A browser that does not let the page write the clipboard: select the text for the person to copy.
      box?.focus();
      box?.select();
      this.announcement = msg('The text is selected: copy it with Ctrl+C (⌘C on a Mac).', { id: 'vle.copy-yourself' });
    }
  }

  private renderCode(which: 'snippet' | 'iframe', label: string, button: string) {
    return html`<div class="code" part=${which}>
      <label for=${which}>${label}</label>
      <textarea id=${which} readonly rows="6" .value=${this.post?.[which] ?? ''}></textarea>
      <div class="tools"><button @click=${() => void this.copy(which)}>${button}</button></div>
    </div>`;
  }

  private renderBody() {
    const session = this.session;
    if (!session) return this.noSessionNotice(needsProviderText);
    if (!session.server) {
      return html`<p class="notice" role="status">${msg('A VLE post needs the plc-kit server, which keeps the page the VLE shows. This page keeps its work on this device only.', { id: 'vle.no-server' })}</p>`;
    }
    const what = this.enquiryId
      ? msg('Put this outcome in your VLE: a page for an iframe or a link, or a snippet for the VLE’s editor. Everyone who can see that part of the course reads it, students too.', { id: 'vle.intro-outcome' })
      : msg('Put this booklet in your VLE: a page for an iframe or a link, or a snippet for the VLE’s editor. It holds the outcomes published for the VLE. Everyone who can see that part of the course reads it, students too.', { id: 'vle.intro-booklet' });
    const make = html`<button class="primary" ?disabled=${this.status === 'loading'} @click=${() => void this.make()}>${msg('Get the VLE post', { id: 'vle.make' })}</button>`;
    switch (this.status) {
      case 'idle':
        return html`<p>${what}</p>${make}`;
      case 'stopped':
        return html`<p class="notice" role="status">${msg('Sharing through that link has stopped: its page now says it is no longer shared there. Get the VLE post again for a new link.', { id: 'vle.stopped' })}</p>
          ${make}`;
      case 'loading':
        return html`<p>${what}</p>${make}<p class="muted" role="status">${msg('Preparing the VLE post…', { id: 'vle.loading' })}</p>`;
      case 'refused':
        return html`<p class="notice warning" role="alert">${this.problem}</p>`;
      case 'offline':
      case 'error':
        return html`<div class="notice error" role="alert">
          <p>${this.status === 'offline' ? msg('You are offline: the VLE post can be made once the server can be reached.', { id: 'vle.offline' }) : msg(str`The VLE post could not be made: ${this.problem}`, { id: 'vle.error' })}</p>
          <button @click=${() => void this.make()}>${tryAgainText()}</button>
        </div>`;
      case 'ready':
        return html`<p class="link" part="link">${msg('The page:', { id: 'vle.page' })} <a href=${this.post!.url} target="_blank" rel="noopener">${this.post!.url}</a></p>
          ${this.renderCode('snippet', msg('HTML snippet (paste it in the editor’s HTML view)', { id: 'vle.snippet' }), msg('Copy the snippet', { id: 'vle.copy-snippet' }))}
          ${this.renderCode('iframe', msg('Iframe code (for a VLE page that takes one)', { id: 'vle.iframe' }), msg('Copy the iframe code', { id: 'vle.copy-iframe' }))}
          <p class="muted">${msg('From your VLE you can also add plc-kit as an activity and choose “A published outcome”: the VLE places the snippet for you.', { id: 'vle.deep-link' })}</p>
          ${this.renderStop()}`;
    }
  }

  protected override render() {
    return html`${heading(clampLevel(this.headingLevel), msg('Post to your VLE', { id: 'vle.heading' }), { id: 'vle-heading', focusable: true })}
      ${this.renderBody()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}
