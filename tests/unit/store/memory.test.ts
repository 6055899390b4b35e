/** The store conformance suite against the memory store, in Node. */
import { describe, it } from 'node:test';
import { createMemoryStore } from '../../../src/store/memory.js';
import { storeConformance } from '../../support/store-conformance.js';

storeConformance('memory', async (options) => ({ store: createMemoryStore(options), cleanup: async () => {} }), { describe, it });
