import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import type { EnquiryState } from '../../src/lifecycle/lifecycle.js';
import type { Refusal } from '../../src/lifecycle/refusals.js';
import type { Store } from '../../src/store/store.js';
import type { EnquiryDetails } from '../../src/schema/enquiry.js';
import type { Community } from '../../src/schema/directory.js';
import { verdict, type Actor } from '../../src/policy/policy.js';
import type { PlcSession } from '../context/session.js';
import type { PlcViews } from '../context/views.js';
import { PlcChangeEvent } from '../events/change.js';
import { PlcErrorEvent } from '../events/error.js';
import { PlcRefusedEvent } from '../events/refused.js';
import { PlcStageChangeEvent } from '../events/stage-change.js';
import { PlcXapiEvent } from '../events/xapi.js';
import { toXapiStatement } from '../../src/export/xapi.js';

/** Where loading an enquiry stands. */
export type EnquiryLoadStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'error';

/**
 * What an element that shows one enquiry can show: the enquiry (`ready`), or why not: it is
 * still loading, none is chosen, no one is signed in, it was not found, or it failed to load.
 */
export type EnquiryView = 'ready' | 'loading' | 'no-enquiry' | 'signed-out' | 'missing' | 'error';

/** The result of {@link EnquiryController.act}. */
export type ActResult = { ok: true; event: DomainEvent } | { ok: false; refusal?: Refusal; error?: string };

/**
 * Steps that only move the enquiry on and carry no words of their own: when the policy refuses
 * one, nothing is appended and the reason is shown. Every other step carries what a person wrote
 * and is always saved, even when refused, so no one's words are lost.
 */
const BARE_STEPS = new Set([
  'question.submit',
  'question.approve',
  'evidence.start',
  'sharing.start',
  'outcome.publish',
  'evidence.reopen',
  'enquiry.resume',
  'enquiry.archive',
]);

type Host = ReactiveControllerHost & HTMLElement;

type Loaded = { log: DomainEvent[]; state: EnquiryState | undefined };

/**
 * One load per enquiry per page: the enquiry view, its observation list, evidence board and
 * forms all follow the same enquiry, so they share one read and one replay. Entries are keyed
 * by store and directory (the replay input comes from it) and dropped when the store announces
 * new events for the enquiry; that listener is added before any controller's, so it runs first.
 */
const sharedLoads = new WeakMap<Store, { entries: Map<string, { directory: unknown; promise: Promise<Loaded> }> }>();

function sharedLoadsOf(store: Store) {
  let shared = sharedLoads.get(store);
  if (!shared) {
    const entries = new Map<string, { directory: unknown; promise: Promise<Loaded> }>();
    shared = { entries };
    sharedLoads.set(store, shared);
    store.subscribe((change) => {
      if (change.kind === 'events') entries.delete(change.enquiryId);
      if (change.kind === 'reset') entries.clear();
    });
  }
  return shared;
}

function loadShared(session: PlcSession, enquiryId: string): Promise<Loaded> {
  const { entries } = sharedLoadsOf(session.store);
  const entry = entries.get(enquiryId);
  if (entry && entry.directory === session.directory) return entry.promise;
  const promise = session.store.readLog(enquiryId).then((log) => {
    if (log.length === 0) return { log, state: undefined };
    const create = log.find((e) => e.type === 'enquiry.create');
    const input = session.inputFor(create?.payload as EnquiryDetails | undefined);
    return { log, state: session.lifecycle.replay(log, input, { validated: true }) };
  });
  entries.set(enquiryId, { directory: session.directory, promise });
  promise.catch(() => {
    if (entries.get(enquiryId)?.promise === promise) entries.delete(enquiryId);
  });
  return promise;
}

/**
 * The seam between an enquiry's log and an element: loads the log from the session's store,
 * replays it through the lifecycle, follows changes (other elements, other tabs, sync) and
 * appends the person's steps. `loaded` resolves when the load or step under way has finished;
 * the host element's own `loaded` waits for it.
 * @example
 * ```ts
 * private enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
 * render() { return this.enquiry.status === 'ready' ? html`${this.enquiry.state!.stage}` : nothing; }
 * ```
 */
export class EnquiryController implements ReactiveController {
  status: EnquiryLoadStatus = 'idle';
  state: EnquiryState | undefined;
  /** The log in merge order, for timelines. */
  log: DomainEvent[] = [];
  error: string | undefined;
  /** Resolves when the current load or step has finished. */
  loaded: Promise<void> = Promise.resolve();

  private loadedKey: { session: PlcSession | undefined; enquiryId: string | undefined } = { session: undefined, enquiryId: undefined };
  private unsubscribe: (() => void) | undefined;
  private applied = new Set<string>();
  private generation = 0;

  constructor(
    private readonly host: Host,
    private readonly getSession: () => PlcSession | undefined,
    private readonly getEnquiryId: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.loadedKey = { session: undefined, enquiryId: undefined };
  }

  /** The enquiry's details (title, theme, owners...), once loaded. */
  get details(): EnquiryDetails | undefined {
    return this.state?.data.details;
  }

  /** What the element can show now: the enquiry, or why not (see {@link EnquiryView}). */
  get view(): EnquiryView {
    const session = this.getSession();
    const enquiryId = this.getEnquiryId();
    if (!session || !session.ready || this.status === 'loading' || (enquiryId && this.status === 'idle')) return 'loading';
    if (!enquiryId) return 'no-enquiry';
    if (!session.person) return 'signed-out';
    if (this.status === 'missing') return 'missing';
    if (this.status === 'error' || !this.state) return 'error';
    return 'ready';
  }

  /** The signed-in person as the policy's actor, or undefined when no one is signed in. */
  get actor(): Actor | undefined {
    const person = this.getSession()?.person;
    return person ? { kind: 'person', person } : undefined;
  }

  /** The session's store. */
  get store(): Store | undefined {
    return this.getSession()?.store;
  }

  /** How stages and evidence kinds are named and drawn (the session's). */
  get views(): PlcViews | undefined {
    return this.getSession()?.views;
  }

  /** The community the enquiry belongs to, if any. */
  get community(): Community | undefined {
    const id = this.details?.communityId;
    return id ? this.getSession()?.directory.communities.get(id) : undefined;
  }

  /** The enquiry's members: its owners and, for a group enquiry, the community's lead and members. */
  memberIds(): Set<string> {
    const details = this.details;
    const ids = new Set(details?.ownerIds ?? []);
    const community = this.community;
    if (details?.kind === 'group' && community) {
      ids.add(community.leadId);
      for (const id of community.memberIds) ids.add(id);
    }
    return ids;
  }

  /**
   * Whether the policy lets the signed-in person append `eventType` (with `payload`) to this
   * enquiry: who may, not whether the lifecycle takes it now (that is {@link check}).
   */
  may(eventType: string, payload?: Record<string, unknown>): boolean {
    const actor = this.actor;
    const data = this.state?.data;
    if (!actor || !data) return false;
    return verdict(actor, 'event.append', { enquiry: data, community: this.community, eventType, payload }).allowed;
  }

  private sync(): void {
    const session = this.getSession();
    const enquiryId = this.getEnquiryId();
    const previous = this.loadedKey;
    const sameStore = previous.session?.store === session?.store;
    if (sameStore && previous.enquiryId === enquiryId && previous.session?.directory === session?.directory) {
      if (previous.session !== session) this.loadedKey = { session, enquiryId };
      return;
    }
    this.loadedKey = { session, enquiryId };
    if (!sameStore) {
      this.unsubscribe?.();
      if (session) sharedLoadsOf(session.store);
      this.unsubscribe = session?.store.subscribe((change) => {
        const id = this.getEnquiryId();
        if (change.kind === 'events' && change.enquiryId === id && change.eventIds.some((e) => !this.applied.has(e))) void this.reload(change.origin);
        if (change.kind === 'reset') void this.reload(change.origin);
      });
    }
    void this.reload();
  }

  /**
   * Loads the log again and replays it. A stage change is announced only when it came from
   * elsewhere (another tab or device): a step taken on this page is announced by the element
   * that took it, so a host hears of each change once.
   */
  reload(origin: 'local' | 'remote' = 'local'): Promise<void> {
    const generation = ++this.generation;
    const session = this.getSession();
    const enquiryId = this.getEnquiryId();
    if (!session || !enquiryId || !session.ready) {
      this.status = 'idle';
      this.state = undefined;
      this.host.requestUpdate();
      return (this.loaded = Promise.resolve());
    }
    if (!this.state || this.state.data.enquiryId !== enquiryId) this.status = 'loading';
    this.host.requestUpdate();
    this.loaded = (async () => {
      try {
        const result = await loadShared(session, enquiryId);
        if (generation !== this.generation) return;
        const log = result.log;
        if (!result.state) {
          this.status = 'missing';
          this.state = undefined;
          this.log = [];
        } else {
          const before = this.state?.data.enquiryId === enquiryId ? this.state.stage : undefined;
          this.state = result.state;
          this.log = log;
          session.seen(log);
          this.applied = new Set(log.map((e) => e.id));
          this.status = 'ready';
          if (origin === 'remote' && before && before !== this.state.stage) {
            this.host.dispatchEvent(new PlcStageChangeEvent(enquiryId, before, this.state.stage));
          }
        }
        this.error = undefined;
      } catch (error) {
        if (generation !== this.generation) return;
        this.status = 'error';
        this.error = error instanceof Error ? error.message : String(error);
        this.host.dispatchEvent(new PlcErrorEvent(this.error, error));
      } finally {
        if (generation === this.generation) this.host.requestUpdate();
      }
    })();
    return this.loaded;
  }

  /** Whether `type` with `payload` would be accepted now (without saving anything). */
  check(type: string, payload: Record<string, unknown> = {}): { ok: true } | { ok: false; refusal: Refusal } {
    const session = this.getSession();
    const enquiryId = this.getEnquiryId();
    if (!session || !enquiryId || !this.state) {
      return { ok: false, refusal: { eventId: '', type, code: 'not-ready', params: {}, message: 'The enquiry is still loading.', stage: '' } };
    }
    return session.lifecycle.check(this.state, session.newEvent(enquiryId, type, payload));
  }

  /**
   * Appends one step by the signed-in person. A refused step that carries words is still saved
   * (and shows as refused in the history); a refused bare step is not saved. Either way the
   * refusal comes back with its reason and a `plc-refused` event is fired.
   */
  async act(type: string, payload: Record<string, unknown> = {}): Promise<ActResult> {
    const session = this.getSession();
    const enquiryId = this.getEnquiryId();
    if (!session || !enquiryId || !this.state) return { ok: false, error: 'The enquiry is still loading.' };
    const event = session.newEvent(enquiryId, type, payload);
    const verdict = session.lifecycle.check(this.state, event);
    if (!verdict.ok) {
      this.host.dispatchEvent(new PlcRefusedEvent(enquiryId, type, verdict.refusal.code, verdict.refusal.message));
      if (BARE_STEPS.has(type)) return { ok: false, refusal: verdict.refusal };
    }
    let done: () => void = () => {};
    this.loaded = new Promise((resolve) => (done = resolve));
    // Taken before the append: the store may announce the change (and a reload may run) first.
    const before = this.state.stage;
    const start = this.state;
    const log = this.log;
    this.applied.add(event.id);
    try {
      await session.store.append(enquiryId, [event]);
      if (this.state === start) {
        const details = start.data.details;
        this.state =
          session.lifecycle.resume(start, [event], session.inputFor(details)) ??
          session.lifecycle.replay([...log, event], session.inputFor(details));
        this.log = [...log, event];
      }
      this.host.dispatchEvent(new PlcChangeEvent(enquiryId, type));
      // An xAPI statement for the step, with the page's origin as the accounts' homePage (none on file: pages).
      const statement = verdict.ok && location.origin.startsWith('http') ? toXapiStatement(event, { homePage: location.origin, enquiry: this.state.data.details }) : undefined;
      if (statement) this.host.dispatchEvent(new PlcXapiEvent(statement));
      if (before !== this.state.stage) this.host.dispatchEvent(new PlcStageChangeEvent(enquiryId, before, this.state.stage));
      this.host.requestUpdate();
      return verdict.ok ? { ok: true, event } : { ok: false, refusal: verdict.refusal };
    } catch (error) {
      this.applied.delete(event.id);
      const message = error instanceof Error ? error.message : String(error);
      this.host.dispatchEvent(new PlcErrorEvent(message, error));
      return { ok: false, error: message };
    } finally {
      done();
    }
  }
}
