import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { PlcElement } from '../base/plc-element.js';
import type { ServerLink } from '../context/session.js';
import { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDate, formatDateTime } from '../localization.js';
import { needsProviderText, stageLabel, tryAgainText } from '../strings.js';
import { cardListStyles } from '../styles/card-list.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { notificationsStyles } from './plc-notifications.styles.js';

/** One notification as the server sends it (see `GET /v1/notifications`). */
interface Item {
  key: string;
  kind: string;
  enquiryId?: string;
  data: { title?: string; date?: string; weeks?: number; stage?: string };
  createdAt: string;
  read: boolean;
}

type Status = 'loading' | 'ready' | 'error' | 'offline';

/**
 * The signed-in person's notifications from the plc-kit server, newest first: a question waiting
 * for their review, their question returned, an observation of their lesson recorded or shared
 * with them, a survey with enough answers to read, a community meeting tomorrow, an enquiry that
 * has not moved for weeks. Each opens its enquiry and can be marked read; a checkbox turns the
 * daily email digest on or off. Notifications are made on the server, so without one (the
 * embedded default) the element says so.
 *
 * @summary A person's notifications, and whether they get the email digest.
 * @event plc-enquiry-open - The person opened the enquiry a notification is about.
 * @event plc-error - The notifications could not be loaded or a change could not be saved.
 * @csspart list - The list of notifications.
 * @csspart item - One notification (`unread` class while unread).
 * @csspart setting - The email digest checkbox and its label.
 * @csspart empty - The message shown when there are none.
 * @cssproperty --plc-color-accent - The mark of an unread notification.
 */
export class PlcNotifications extends PlcElement {
  static override styles = [sharedStyles, cardListStyles, notificationsStyles];

  static override properties: PropertyDeclarations = {
    headingLevel: { attribute: 'heading-level', type: Number },
    status: { state: true },
    items: { state: true },
    unread: { state: true },
    emailDigest: { state: true },
    problem: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.status = 'loading';
    this.items = [];
    this.unread = 0;
    this.problem = '';
  }

  /** The level of the heading (2 to 6). */
  declare headingLevel: number;

  private declare status: Status;
  private declare items: Item[];
  private declare unread: number;
  private declare emailDigest: boolean | undefined;
  private declare problem: string;
  private loadedFor: string | undefined;

  /** Loads the notifications again (the element does on connecting and when the person changes). */
  async refresh(): Promise<void> {
    const server = this.session?.server;
    if (!server) return;
    try {
      const [list, settings] = await Promise.all([call<{ notifications: Item[]; unread: number }>(server, 'GET', '/v1/notifications'), call<{ emailDigest: boolean }>(server, 'GET', '/v1/notifications/settings')]);
      this.items = list.notifications;
      this.unread = list.unread;
      this.emailDigest = settings.emailDigest;
      this.status = 'ready';
    } catch (error) {
      this.status = offline(error) ? 'offline' : 'error';
      this.problem = error instanceof Error ? error.message : String(error);
      this.dispatchEvent(new PlcErrorEvent(this.problem, error));
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const server = this.session?.server;
    const key = server && this.session?.person ? `${server.url}|${this.session.person.id}` : undefined;
    if (key && key !== this.loadedFor) {
      this.loadedFor = key;
      this.status = 'loading';
      void this.refresh();
    }
  }

  private async markRead(body: { keys: string[] } | { all: true }): Promise<void> {
    const server = this.session?.server;
    if (!server) return;
    try {
      await call(server, 'POST', '/v1/notifications/read', body);
      await this.refresh();
    } catch (error) {
      this.problem = msg(str`Could not mark them read: ${error instanceof Error ? error.message : String(error)}`, { id: 'notify.save-failed' });
      this.dispatchEvent(new PlcErrorEvent(this.problem, error));
    }
  }

  private async setDigest(on: boolean): Promise<void> {
    const server = this.session?.server;
    if (!server) return;
    const before = this.emailDigest;
    this.emailDigest = on;
    try {
      this.emailDigest = (await call<{ emailDigest: boolean }>(server, 'PUT', '/v1/notifications/settings', { emailDigest: on })).emailDigest;
      this.problem = '';
    } catch (error) {
      this.emailDigest = before;
      this.problem = msg(str`Could not save the setting: ${error instanceof Error ? error.message : String(error)}`, { id: 'notify.setting-failed' });
      this.dispatchEvent(new PlcErrorEvent(this.problem, error));
    }
  }

  /** The sentence of a notification, in the active language. */
  private sentence(item: Item): string {
    const title = item.data.title ?? '';
    switch (item.kind) {
      case 'review-waiting':
        return msg(str`A driving question waits for your review: ${title}.`, { id: 'notify.review-waiting' });
      case 'question-returned':
        return msg(str`Your driving question was returned with a comment: ${title}.`, { id: 'notify.question-returned' });
      case 'observation-recorded':
        return msg(str`An observation of your lesson was recorded for ${title}.`, { id: 'notify.observation-recorded' });
      case 'observation-shared':
        return msg(str`A colleague shared observation notes with you (${title}).`, { id: 'notify.observation-shared' });
      case 'survey-ready':
        return msg(str`Your survey ${title} has enough answers to read.`, { id: 'notify.survey-ready' });
      case 'meeting-tomorrow':
        return msg(str`${title} meets tomorrow, ${formatDate(item.data.date ?? '')}.`, { id: 'notify.meeting-tomorrow' });
      case 'enquiry-stuck':
        return msg(str`${title} has been at the ${stageLabel(item.data.stage ?? '', this.session?.views)} stage for ${item.data.weeks ?? 0} weeks or more.`, { id: 'notify.enquiry-stuck' });
      case 'sharing-invited':
        return msg(str`You are invited to present at the sharing session ${title}, ${formatDate(item.data.date ?? '')}.`, { id: 'notify.sharing-invited' });
      default:
        return title;
    }
  }

  protected override render() {
    const title = heading(clampLevel(this.headingLevel), msg('Notifications', { id: 'notify.heading' }), { id: 'heading', focusable: true });
    const session = this.session;
    if (!session) return html`${title}${this.noSessionNotice(needsProviderText)}`;
    if (!session.person) return html`${title}<p class="empty" role="status">${msg('Choose who you are to see your notifications.', { id: 'notify.no-person' })}</p>`;
    if (!session.server) {
      return html`${title}<p class="notice" role="status">
          ${msg('Notifications come from the plc-kit server. This page keeps its work on this device only, so there are none here.', { id: 'notify.no-server' })}
        </p>`;
    }
    if (this.status === 'loading') return html`${title}<p class="muted" role="status">${msg('Loading your notifications…', { id: 'notify.loading' })}</p>`;
    if (this.status === 'offline' || this.status === 'error') {
      return html`${title}<div class="notice error" role="alert">
          <p>
            ${this.status === 'offline'
              ? msg('You are offline: your notifications show once the server can be reached.', { id: 'notify.offline' })
              : msg(str`Your notifications could not be loaded: ${this.problem}`, { id: 'notify.load-error' })}
          </p>
          <button @click=${() => void this.refresh()}>${tryAgainText()}</button>
        </div>`;
    }
    return html`${title}
      <div class="tools">
        <p class="muted" role="status">${msg(str`${this.unread} unread`, { id: 'notify.unread' })}</p>
        ${this.unread > 0 ? html`<button @click=${() => void this.markRead({ all: true })}>${msg('Mark all as read', { id: 'notify.read-all' })}</button>` : nothing}
      </div>
      ${this.problem ? html`<p class="notice error" role="alert">${this.problem}</p>` : nothing}
      ${this.items.length === 0
        ? html`<p class="empty" part="empty">${msg('Nothing new for you.', { id: 'notify.empty' })}</p>`
        : html`<ol class="cards" part="list">
            ${this.items.map(
              (item) => html`<li part="item" class=${item.read ? 'read' : 'unread'}>
                <p class="text">
                  ${item.read ? nothing : html`<span class="visually-hidden">${msg('New:', { id: 'notify.new' })} </span>`}${this.sentence(item)}
                  <span class="when muted">${formatDateTime(item.createdAt)}</span>
                </p>
                ${item.enquiryId
                  ? html`<button @click=${() => this.dispatchEvent(new PlcEnquiryOpenEvent(item.enquiryId!, false))}>${msg('Open', { id: 'notify.open' })}</button>`
                  : nothing}
                ${item.read ? nothing : html`<button @click=${() => void this.markRead({ keys: [item.key] })}>${msg('Mark read', { id: 'notify.read' })}</button>`}
              </li>`,
            )}
          </ol>`}
      <label class="setting" part="setting">
        <input type="checkbox" .checked=${this.emailDigest ?? false} @change=${(e: Event) => void this.setDigest((e.target as HTMLInputElement).checked)} />
        ${msg('Email me a daily digest of what I have not read (titles only, never notes)', { id: 'notify.digest' })}
      </label>`;
  }
}

/** Whether a failed request means the server could not be reached. */
const offline = (error: unknown) => (typeof navigator !== 'undefined' && navigator.onLine === false) || (error as { status?: number }).status === 0;

/** One JSON request to the server, with the person's token; throws with the server's message. */
async function call<T = unknown>(server: ServerLink, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server.url), {
      method,
      headers: { authorization: `Bearer ${await server.token()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { status: 0 });
  }
  const json = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
  if (!response.ok) throw Object.assign(new Error(json?.message ?? `HTTP ${response.status}`), { status: response.status });
  return json as T;
}
