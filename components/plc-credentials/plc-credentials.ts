import { html, nothing, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { CredentialListing } from '../../src/sync/badges.js';
import { PlcElement } from '../base/plc-element.js';
import { ServerQueryController } from '../controllers/server-query.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDate } from '../localization.js';
import { offerDownload } from '../shared/download.js';
import { clampLevel, heading } from '../shared/heading.js';
import { serverGet } from '../shared/server-json.js';
import { serverStateNotice } from '../shared/server-state.js';
import { cardListStyles } from '../styles/card-list.js';
import { sharedStyles } from '../styles/shared.js';
import { badgeMark } from '../shared/badge-mark.js';
import { credentialsStyles } from './plc-credentials.styles.js';
import { needsProviderText, tryAgainText } from '../strings.js';

/**
 * A person's Open Badges: one for each published enquiry they were a member of, each an Open
 * Badges 3.0 credential signed by the trust's key. Each can be downloaded as the signed file
 * (JSON), which travels with a teacher who changes school: any Open Badges verifier checks it with
 * the trust's public key, without plc-kit. Badges are issued on the plc-kit server, so without
 * one (the embedded default) the element says so. Someone else's badges show only to a CPD
 * leader (docs/privacy.md); the server refuses anyone else, and the element says so.
 *
 * @summary A person's Open Badges, each downloadable as a signed credential.
 * @event plc-download - A badge's file is about to be saved (cancel it to keep the file yourself).
 * @event plc-error - The badges could not be loaded, or a file could not be downloaded.
 * @csspart list - The list of badges.
 * @csspart badge - One badge.
 * @csspart download - A badge's download button.
 * @csspart empty - The message shown when there are none.
 * @cssproperty --plc-color-accent - The badge's mark.
 */
export class PlcCredentials extends PlcElement {
  static override styles = [sharedStyles, cardListStyles, credentialsStyles];

  static override properties: PropertyDeclarations = {
    personId: { attribute: 'person-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
    downloading: { state: true },
    problem: { state: true },
  };

  constructor() {
    super();
    this.personId = '';
    this.headingLevel = 2;
    this.downloading = '';
    this.problem = '';
  }

  /** Whose badges: the signed-in person's when empty (another person's needs the CPD leader role). */
  declare personId: string;
  /** The level of the heading (2 to 6). */
  declare headingLevel: number;

  private declare downloading: string;
  private declare problem: string;

  private readonly badges = new ServerQueryController<{ credentials: CredentialListing[] }>(
    this,
    () => this.session,
    (session) => {
      const whose = this.personId || session.person?.id;
      if (!whose || !session.person) return undefined;
      return whose === session.person.id ? '/v1/credentials' : `/v1/credentials?personId=${encodeURIComponent(whose)}`;
    },
  );

  /** Puts keyboard focus on the element's heading (the app does after each navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  /** Loads the badges again (the element does when the person or the server changes). */
  refresh(): Promise<void> {
    return this.badges.refresh();
  }

  /** Saves one badge's signed credential as a JSON file. */
  async download(credential: CredentialListing): Promise<void> {
    const server = this.session?.server;
    if (!server || this.downloading) return;
    this.downloading = credential.id;
    this.problem = '';
    try {
      const response = await serverGet(server, `/v1/credentials/${encodeURIComponent(credential.id)}`, 'application/vc+ld+json, application/json');
      offerDownload(this, `open-badge-${credential.id}.json`, 'application/json', await response.text());
    } catch (error) {
      this.problem = msg(str`The badge could not be downloaded: ${error instanceof Error ? error.message : String(error)}`, { id: 'badges.download-failed' });
      this.dispatchEvent(new PlcErrorEvent(this.problem, error));
    } finally {
      this.downloading = '';
    }
  }

  /** The load failure last reported with `plc-error`, so each is reported once. */
  private reported: string | undefined;

  protected override updated(): void {
    const failed = this.badges.status === 'error' || this.badges.status === 'offline';
    if (failed && this.reported !== this.badges.problem) this.dispatchEvent(new PlcErrorEvent((this.reported = this.badges.problem), new Error(this.badges.problem)));
    if (!failed) this.reported = undefined;
  }

  protected override render() {
    const title = heading(clampLevel(this.headingLevel), msg('Badges', { id: 'badges.heading' }), { id: 'heading', focusable: true });
    const notice = serverStateNotice(this.session, this.badges, {
      noProvider: needsProviderText,
      noPerson: () => msg('Choose who you are to see your badges.', { id: 'badges.no-person' }),
      noServer: () => msg('Badges are signed by your trust on the plc-kit server. This page keeps its work on this device only, so there are none here.', { id: 'badges.no-server' }),
      loading: () => msg('Loading badges…', { id: 'badges.loading' }),
      offline: () => msg('You are offline: badges show once the server can be reached.', { id: 'badges.offline' }),
      loadError: (problem) => msg(str`The badges could not be loaded: ${problem}`, { id: 'badges.load-error' }),
      retry: tryAgainText,
    }, this.providerOpening);
    if (notice) return html`${title}${notice}`;
    const credentials = this.badges.value?.credentials ?? [];
    return html`${title}
      <p class="intro">
        ${msg(
          'Each badge is an Open Badges 3.0 credential signed by your trust. Download it to keep it: it stays valid if you change school, and anyone can check it with the trust\u2019s public key.',
          { id: 'badges.intro' },
        )}
      </p>
      ${this.problem ? html`<p class="notice error" role="alert">${this.problem}</p>` : nothing}
      ${credentials.length === 0
        ? html`<p class="empty" part="empty">
            ${msg('No badges yet. A badge is earned when an enquiry you are a member of publishes its outcome.', { id: 'badges.empty' })}
          </p>`
        : html`<ul class="cards" part="list">
            ${credentials.map(
              (credential) => html`<li part="badge">
                ${badgeMark()}
                <div class="text">
                  <p class="name">${credential.title}</p>
                  <p class="muted">${msg(str`Published a professional enquiry, ${formatDate(credential.publishedAt)}`, { id: 'badges.earned' })}</p>
                </div>
                <button part="download" aria-describedby=${`badge-${credential.id}`} aria-busy=${this.downloading === credential.id ? 'true' : 'false'} @click=${() => void this.download(credential)}>
                  ${this.downloading === credential.id ? msg('Downloading…', { id: 'badges.downloading' }) : msg('Download', { id: 'badges.download' })}
                </button>
                <span class="visually-hidden" id=${`badge-${credential.id}`}>${msg(str`The badge for ${credential.title}, as an Open Badges file (JSON)`, { id: 'badges.download-what' })}</span>
              </li>`,
            )}
          </ul>`}`;
  }
}
