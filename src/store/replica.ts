/**
 * The mark of a store that can become a replica, apart from the history rules (history.ts) so
 * the IndexedDB store can carry it from the start and load those rules on its first write.
 * @internal
 * @module
 */

/**
 * Turns a store into a replica: the local copy a sync store keeps of a server's data. A replica
 * keeps records exactly as the server sends them and deletes what the server deleted: the
 * history and deletion rules are applied once, by the server, which is the authority. The sync
 * store calls it on its local store; nothing else should.
 * @internal
 */
export const MAKE_REPLICA: unique symbol = Symbol.for('plc-kit.store.make-replica');

/** A store that can be made a replica (see {@link MAKE_REPLICA}). @internal */
export interface ReplicaCapable {
  [MAKE_REPLICA]?: () => void;
}
