import { html, nothing, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { waitingForReview } from '../../src/policy/reviewQueue.js';
import type { EnquirySummary } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { StoreQueryController } from '../controllers/store-query.js';
import type { PlcSession } from '../context/session.js';
import { PlcChangeEvent } from '../events/change.js';
import { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { PlcRefusedEvent } from '../events/refused.js';
import { PlcStageChangeEvent } from '../events/stage-change.js';
import { formatDate } from '../localization.js';
import { refusalText } from '../refusal-text.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { reviewQueueStyles } from './plc-review-queue.styles.js';
import { needsProviderText } from '../strings.js';

/** What a reviewer decided from the queue. */
type Decision = 'question.approve' | 'question.return';

/**
 * Loads the questions waiting for the session's person (see `waitingForReview`), oldest first.
 * @internal shared with `<plc-app>`'s navigation count
 */
export async function loadReviewQueue(session: PlcSession): Promise<EnquirySummary[]> {
  const person = session.person;
  if (!person) return [];
  const summaries = await session.store.listEnquiries(session.cycle ? { cycleId: session.cycle.id } : {});
  return waitingForReview(person, summaries, session.directory.communities);
}

/**
 * "Waiting for my review": the driving questions a community lead (or, for individual projects,
 * a CPD leader) reviews, oldest first, each with its question, owners and how long it has been
 * waiting. The reviewer approves it, with an optional comment, or returns it with a comment
 * saying what to change, without opening the enquiry; the title opens it.
 *
 * @summary Driving questions waiting for the person's review: approve or return from the list.
 * @event plc-change - A decision was saved (`step` is `question.approve` or `question.return`).
 * @event plc-stage-change - An approval moved the enquiry on to its next stage.
 * @event plc-refused - The lifecycle refused the decision (someone else decided first, say); the reason shows beside it.
 * @event plc-enquiry-open - The reviewer opened an enquiry from its title.
 * @event plc-error - The queue could not be loaded, or a decision could not be saved.
 * @csspart list - The list of questions.
 * @csspart item - One question waiting.
 * @csspart approve - The "Approve" button of an item.
 * @csspart return - The "Return with a comment" button of an item.
 * @csspart empty - The message shown when nothing is waiting.
 * @cssproperty --plc-color-surface-raised - Background of the cards.
 * @cssproperty --plc-color-border - Borders of the cards.
 */
export class PlcReviewQueue extends PlcElement {
  static override styles = [sharedStyles, reviewQueueStyles];

  static override properties: PropertyDeclarations = {
    headingLevel: { attribute: 'heading-level', type: Number },
    open: { state: true },
    comment: { state: true },
    busy: { state: true },
    problems: { state: true },
    decided: { state: true },
    announcement: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.comment = '';
    this.busy = false;
    this.problems = new Map();
    this.decided = new Set();
    this.announcement = '';
  }

  /** The level of the queue's heading (2 to 6); each question's title is one level below. */
  declare headingLevel: number;

  /** The enquiry whose comment form is open, and for which decision. */
  private declare open: { enquiryId: string; decision: Decision } | undefined;
  private declare comment: string;
  private declare busy: boolean;
  /** A problem per enquiry (a refusal or a failed save), shown beside it. */
  private declare problems: ReadonlyMap<string, string>;
  /** Enquiries decided here, hidden until the queue reloads without them. */
  private declare decided: ReadonlySet<string>;
  /** What the last decision did, for the live status line. */
  private declare announcement: string;

  private readonly queue = new StoreQueryController<EnquirySummary[]>(this, () => this.session, {
    key: (session) => (session.person ? JSON.stringify([session.person.id, session.cycle?.id ?? '', session.directory.communities.size]) : undefined),
    load: loadReviewQueue,
    affects: (change) => change.kind === 'events' || (change.kind === 'record' && change.collection === 'communities'),
  });

  /** Moves keyboard focus to the queue's heading (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  private names(ids: readonly string[]): string {
    const people = this.session?.directory.people;
    return ids.map((id) => people?.get(id)?.name ?? id).join(', ');
  }

  private openForm(enquiryId: string, decision: Decision): void {
    this.open = { enquiryId, decision };
    this.comment = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#comment-${CSS.escape(enquiryId)}`)?.focus());
  }

  private setProblem(enquiryId: string, text: string | undefined): void {
    const next = new Map(this.problems);
    if (text) next.set(enquiryId, text);
    else next.delete(enquiryId);
    this.problems = next;
  }

  /** Saves a decision: checked against the enquiry's log first, so a refusal says why and stores nothing. */
  private async decide(summary: EnquirySummary, decision: Decision): Promise<void> {
    const session = this.session;
    if (!session || this.busy) return;
    const comment = this.comment.trim();
    if (decision === 'question.return' && !comment) {
      this.setProblem(summary.enquiryId, msg('Say what to change before returning the question.', { id: 'review.comment-needed' }));
      this.renderRoot.querySelector<HTMLElement>(`#comment-${CSS.escape(summary.enquiryId)}`)?.focus();
      return;
    }
    this.busy = true;
    this.setProblem(summary.enquiryId, undefined);
    try {
      const log = await session.store.readLog(summary.enquiryId);
      const input = session.inputFor({ cycleId: summary.cycleId, communityId: summary.communityId });
      const state = session.lifecycle.replay(log, input);
      const event = session.newEvent(summary.enquiryId, decision, comment ? { comment } : {});
      const verdict = session.lifecycle.check(state, event);
      if (!verdict.ok) {
        this.dispatchEvent(new PlcRefusedEvent(summary.enquiryId, decision, verdict.refusal.code, verdict.refusal.message));
        this.setProblem(summary.enquiryId, refusalText(verdict.refusal, session.views));
        return;
      }
      await session.store.append(summary.enquiryId, [event]);
      this.decided = new Set([...this.decided, summary.enquiryId]);
      this.open = undefined;
      this.comment = '';
      this.dispatchEvent(new PlcChangeEvent(summary.enquiryId, decision));
      const after = session.lifecycle.replay([...log, event], input).stage;
      if (after !== state.stage) this.dispatchEvent(new PlcStageChangeEvent(summary.enquiryId, state.stage, after));
      this.announcement =
        decision === 'question.approve'
          ? msg(str`Approved: ${summary.title}.`, { id: 'review.approved' })
          : msg(str`Returned with your comment: ${summary.title}.`, { id: 'review.returned' });
      await this.queue.loaded;
      this.focusHeading();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.setProblem(summary.enquiryId, msg(str`Your decision could not be saved: ${message}`, { id: 'review.save-failed' }));
      this.dispatchEvent(new PlcErrorEvent(message, error));
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const level = clampLevel(this.headingLevel);
    const title = heading(level, msg('Waiting for my review', { id: 'review.heading' }), { id: 'heading', focusable: true });
    const session = this.session;
    if (!session) return html`${title}${this.noSessionNotice(needsProviderText)}`;
    if (!session.ready) return html`${title}<p class="muted" role="status">${msg('Loading the questions…', { id: 'review.loading' })}</p>`;
    if (!session.person) return html`${title}<p class="empty" role="status">${msg('Choose who you are to see what waits for your review.', { id: 'review.no-person' })}</p>`;
    const status = this.queue.status;
    if (status === 'error') {
      return html`${title}<p class="notice error" role="alert">${msg('The questions could not be loaded.', { id: 'review.load-error' })} ${this.queue.error}</p>`;
    }
    const items = this.queue.value?.filter((s) => !this.decided.has(s.enquiryId));
    if (status !== 'ready' || !items) return html`${title}<p class="muted" role="status">${msg('Loading the questions…', { id: 'review.loading' })}</p>`;
    return html`${title}
      <p class="muted" role="status" aria-live="polite">${this.announcement}</p>
      ${items.length === 0
        ? html`<p class="empty" part="empty">${msg('Nothing is waiting for your review.', { id: 'review.empty' })}</p>`
        : html`<p class="muted">${msg(str`${items.length} waiting, oldest first.`, { id: 'review.count' })}</p>
            <ol part="list">${items.map((summary) => this.renderItem(summary, level + 1))}</ol>`}`;
  }

  private renderItem(summary: EnquirySummary, level: number) {
    const id = summary.enquiryId;
    const form = this.open?.enquiryId === id ? this.open.decision : undefined;
    const problem = this.problems.get(id);
    const since = summary.updatedAt ? formatDate(summary.updatedAt.slice(0, 10)) : '';
    return html`<li class="item" part="item" aria-labelledby=${`t-${id}`}>
      ${heading(level, html`<button class="link" id=${`t-${id}`} @click=${() => this.dispatchEvent(new PlcEnquiryOpenEvent(id, false))}>${summary.title}</button>`)}
      <p class="muted">${msg(str`By ${this.names(summary.ownerIds)}; waiting since ${since}.`, { id: 'review.meta' })}</p>
      <p class="question">${summary.questionText}</p>
      ${problem ? html`<p class="notice error" role="alert">${problem}</p>` : nothing}
      ${form
        ? html`<div class="actions">
            <label for=${`comment-${id}`}
              >${form === 'question.return'
                ? msg('What should change (the owners read this)', { id: 'review.comment-return' })
                : msg('A comment for the owners (optional)', { id: 'review.comment-approve' })}
              <textarea id=${`comment-${id}`} .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <button class="primary" ?disabled=${this.busy} @click=${() => this.decide(summary, form)}>
              ${form === 'question.return' ? msg('Return the question', { id: 'review.send-return' }) : msg('Approve the question', { id: 'review.send-approve' })}
            </button>
            <button ?disabled=${this.busy} @click=${() => (this.open = undefined)}>${msg('Cancel', { id: 'review.cancel' })}</button>
          </div>`
        : html`<div class="actions">
            <button class="primary" part="approve" ?disabled=${this.busy} @click=${() => this.openForm(id, 'question.approve')}>
              ${msg('Approve', { id: 'review.approve' })}
            </button>
            <button part="return" ?disabled=${this.busy} @click=${() => this.openForm(id, 'question.return')}>
              ${msg('Return with a comment', { id: 'review.return' })}
            </button>
          </div>`}
    </li>`;
  }
}
