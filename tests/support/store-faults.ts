/**
 * Stores that misbehave on purpose, for the elements' loading and error states: a memory store
 * one of whose methods never answers, or fails until the test lets it work again. Every other
 * method is the memory store's own.
 */
import { createMemoryStore } from '../../src/store/memory.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Store } from '../../src/store/store.js';

/** The methods elements load through, and the one they save steps through. */
export type StoreMethod = 'listEnquiries' | 'list' | 'get' | 'readLog' | 'append';

type Method = (...args: unknown[]) => Promise<unknown>;

function replaceMethod(store: Store, method: StoreMethod, replacement: (original: Method, args: unknown[]) => Promise<unknown>): Store {
  return new Proxy(store, {
    get: (target, key) => {
      if (key !== method) return Reflect.get(target, key, target);
      const original = (target[method] as Method).bind(target);
      return (...args: unknown[]) => replacement(original, args);
    },
  });
}

/**
 * A store whose `method` never answers (only for the arguments `when` picks, if given): the
 * element stays loading.
 */
export function storeHangingOn(method: StoreMethod, when: (...args: unknown[]) => boolean = () => true): Store {
  return replaceMethod(createMemoryStore({ lifecycle: defaultLifecycle }), method, (original, args) =>
    when(...args) ? new Promise(() => {}) : original(...args),
  );
}

/** A store whose `method` fails with "disk on fire" while `failing` is true, as it is at first. */
export function storeFailingOn(method: StoreMethod): { store: Store; failing: boolean } {
  const control = { store: createMemoryStore({ lifecycle: defaultLifecycle }) as Store, failing: true };
  control.store = replaceMethod(control.store, method, (original, args) =>
    control.failing ? Promise.reject(new Error('disk on fire')) : original(...args),
  );
  return control;
}
