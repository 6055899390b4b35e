/**
 * What `<plc-provider>` gives every plc-kit element below it, through @lit/context: the store,
 * the lifecycle and how its stages and evidence kinds are shown, the signed-in person, the
 * cycle, the directory and a way to make events.
 */
import { createContext } from '@lit/context';
import type { Community, Cycle, Person, Theme } from '../../src/schema/directory.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import type { ReplayLifecycle } from '../../src/lifecycle/replayLifecycle.js';
import type { LifecycleInput } from '../../src/lifecycle/enquiryMachine.js';
import type { EnquiryDetails } from '../../src/schema/enquiry.js';
import type { Store } from '../../src/store/store.js';
import type { DraftStore } from '../../src/store/drafts.js';
import type { PlcViews } from './views.js';

/** The directory records the elements need to show names, loaded once and kept fresh. */
export interface Directory {
  people: ReadonlyMap<string, Person>;
  cycles: ReadonlyMap<string, Cycle>;
  themes: ReadonlyMap<string, Theme>;
  communities: ReadonlyMap<string, Community>;
}

/** The plc-kit server the session syncs with, for the few calls that are not store operations. */
export interface PlcServerLink {
  /** The server's address, without a trailing slash. */
  url: string;
  /** The bearer token for a request (the host's `tokenProvider`, else the development token). */
  token(): Promise<string>;
  /**
   * Calls the server at `path` (such as `/v1/surveys/sv-1/tokens`) with the signed-in person's
   * token, once more with a fresh token after a 401.
   */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** How to reach the plc-kit server (the same as {@link PlcServerLink}, under its earlier name). */
export type ServerLink = PlcServerLink;

/** The session every element reads. A new object whenever any part changes. */
export interface PlcSession {
  store: Store;
  /**
   * The plc-kit server, when the provider syncs with one (`server`): survey codes, live counts
   * and results, leaders' figures and notifications come from it, being computed or kept only
   * there. Unset on the embedded default, where the work stays on this device.
   */
  server?: PlcServerLink | undefined;
  lifecycle: ReplayLifecycle;
  /** The signed-in person, or undefined when nobody is chosen (elements then show a prompt). */
  person: Person | undefined;
  /** The cycle the elements work in (the provider's `cycle-id`, else the active cycle). */
  cycle: Cycle | undefined;
  directory: Directory;
  /** Whether the directory has loaded. */
  ready: boolean;
  /** Makes a new event stamped by this device's clock, authored by the signed-in person. */
  newEvent(enquiryId: string, type: string, payload: Record<string, unknown>): DomainEvent;
  /** Moves this device's clock past events loaded from elsewhere, so new events sort after them. */
  seen(events: readonly DomainEvent[]): void;
  /**
   * Where editors keep what people type, on this device only (IndexedDB beside a stored or
   * syncing store, memory beside a memory store). Absent: editors keep no drafts.
   */
  drafts?: DraftStore;
  /** A new id for a record or an item (observation, evidence, ...). */
  newId(prefix: string): string;
  /** How stages and evidence kinds are shown: the built-in descriptions and the host's own. */
  views: PlcViews;
  /** The replay input (policy and reviewers) for an enquiry. */
  inputFor(details: Pick<EnquiryDetails, 'cycleId' | 'communityId'> | undefined): LifecycleInput;
}

/** The context key of the session. */
export const sessionContext = createContext<PlcSession | undefined>(Symbol.for('plc-kit/session'));

/** An empty directory. */
export const EMPTY_DIRECTORY: Directory = {
  people: new Map(),
  cycles: new Map(),
  themes: new Map(),
  communities: new Map(),
};
