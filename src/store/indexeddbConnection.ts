/**
 * The IndexedDB store's connection: opening (creating or upgrading) the database, stepping
 * aside when another tab upgrades or deletes it and reopening on the next call, and running
 * read and write transactions. The store itself is indexeddb.ts.
 * @internal
 * @module
 */
import { openDB } from 'idb';
import type { ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { ALL_STORES, INDEXEDDB_VERSION, upgrade, type Db, type Name, type PlcDatabase, type ReadTx, type WriteTx } from './indexeddbSchema.js';
import { StoreError } from './store.js';

/** A failure of the browser's storage as a store error (a store error passes as it is). */
export const unavailable = (error: unknown, doing: string): StoreError =>
  error instanceof StoreError
    ? error
    : new StoreError('unavailable', `plc-kit could not ${doing}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, undefined, { cause: error });

/** What {@link openConnection} needs. */
export interface ConnectionOptions {
  name: string;
  lifecycle: ReplayLifecycle;
  /** Whether to ask the browser to keep the data under storage pressure. */
  persist: boolean;
  /** Told when what the store knew of the database may be out of date (the connection was lost). */
  onLost(): void;
  /** Told when this connection's upgrade waits for another tab. */
  onBlocked(error: StoreError): void;
}

/** A connection that opens on first use and again after it was lost. */
export interface Connection {
  /** Whether the browser granted persistent storage (false when it refused or cannot say). */
  readonly persisted: Promise<boolean>;
  database(): Promise<Db>;
  /** Runs `body` in one read-write transaction: it commits when body succeeds, else nothing is applied. */
  write<T>(stores: Name[], body: (tx: WriteTx) => Promise<T>): Promise<T>;
  read<T>(stores: Name[], body: (tx: ReadTx) => Promise<T>): Promise<T>;
  /** Closes the database; later calls are refused with `closed`. */
  close(): void;
}

export function openConnection(options: ConnectionOptions): Connection {
  const { name, lifecycle, persist, onLost, onBlocked } = options;
  let connection: Promise<Db> | undefined;
  let current: Db | undefined;
  let closed = false;
  let resolvePersisted: (value: boolean) => void = () => {};
  const persisted = new Promise<boolean>((resolve) => (resolvePersisted = resolve));

  async function open(): Promise<Db> {
    if (typeof indexedDB === 'undefined') throw new StoreError('unavailable', 'This browser offers no IndexedDB storage (a private window, or storage switched off).');
    let upgradeError: unknown;
    const callbacks = (self: () => Db | undefined) => ({
      blocked() {
        onBlocked(new StoreError('unavailable', `plc-kit is waiting for another tab that has "${name}" open with an older version: close or reload that tab.`));
      },
      blocking() {
        // Another tab is upgrading or deleting the database: step aside, reopen on the next call.
        const db = self();
        db?.close();
        if (db && current === db) {
          connection = undefined;
          current = undefined;
          onLost();
        }
      },
      terminated() {
        if (current === self()) {
          connection = undefined;
          current = undefined;
          onLost();
        }
      },
    });
    let db: Db | undefined;
    try {
      db = await openDB<PlcDatabase>(name, INDEXEDDB_VERSION, {
        ...callbacks(() => db),
        upgrade(database, oldVersion, _newVersion, tx) {
          upgrade(database, oldVersion, tx as WriteTx, lifecycle).catch((error: unknown) => {
            upgradeError = error;
            try {
              tx.abort();
            } catch {
              // Already finished.
            }
          });
        },
      });
    } catch (error) {
      if (upgradeError) throw unavailable(upgradeError, `upgrade the database "${name}"`);
      if (!(error instanceof Error && error.name === 'VersionError')) throw unavailable(error, `open the database "${name}"`);
      // A newer plc-kit in another tab upgraded the database: use it if it still has our stores.
      db = await openDB<PlcDatabase>(name, undefined, callbacks(() => db));
      const missing = ALL_STORES.filter((store) => !db!.objectStoreNames.contains(store));
      if (missing.length) {
        db.close();
        throw new StoreError('unavailable', `The database "${name}" was changed by a newer version of plc-kit (it has no ${missing.join(', ')}): reload this page.`);
      }
    }
    current = db;
    return db;
  }

  let persistAsked = false;

  function database(): Promise<Db> {
    if (closed) return Promise.reject(new StoreError('closed', 'This store has been closed: create a new one.'));
    if (!connection) {
      const opening = open();
      connection = opening;
      opening.then(
        () => {
          if (persistAsked) return;
          persistAsked = true;
          if (!persist || typeof navigator === 'undefined' || !navigator.storage?.persist) return resolvePersisted(false);
          navigator.storage.persist().then(resolvePersisted, () => resolvePersisted(false));
        },
        () => {
          if (connection === opening) connection = undefined;
        },
      );
    }
    return connection;
  }

  /** Starts a transaction, reopening once if the connection was closed under us. */
  async function transaction<M extends IDBTransactionMode>(stores: Name[], mode: M) {
    let db = await database();
    try {
      return db.transaction(stores, mode);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'InvalidStateError')) throw error;
      if (current === db) {
        connection = undefined;
        current = undefined;
        onLost();
      }
      db = await database();
      return db.transaction(stores, mode);
    }
  }

  /** Runs `body` in one read-write transaction: it commits when body succeeds, else nothing is applied. */
  async function write<T>(stores: Name[], body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = (await transaction(stores, 'readwrite')) as unknown as WriteTx;
    const done = tx.done;
    let result: T;
    try {
      result = await body(tx);
    } catch (error) {
      done.catch(() => {});
      try {
        tx.abort();
      } catch {
        // The browser already aborted it (a failed request).
      }
      throw error;
    }
    await done;
    return result;
  }

  async function read<T>(stores: Name[], body: (tx: ReadTx) => Promise<T>): Promise<T> {
    const tx = (await transaction(stores, 'readonly')) as unknown as ReadTx;
    try {
      return await body(tx);
    } catch (error) {
      throw unavailable(error, 'read its data');
    }
  }

  return {
    persisted,
    database,
    write,
    read,
    close() {
      closed = true;
      const db = current;
      connection = undefined;
      current = undefined;
      db?.close();
    },
  };
}
