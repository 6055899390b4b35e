/**
 * The subscriber list every adapter uses. A listener that throws does not stop the others or the
 * store: its error is rethrown on its own task, where the host's error reporting sees it.
 * @internal
 */
import type { StoreChange } from './store.js';
import { invalid } from './validate.js';

export class ChangeHub {
  readonly #listeners = new Set<(change: StoreChange) => void>();

  subscribe(listener: (change: StoreChange) => void): () => void {
    if (typeof listener !== 'function') throw invalid('listener', `must be a function, not ${listener === null ? 'null' : typeof listener}`);
    // A wrapper, so the same function subscribed twice is called twice and unsubscribes once.
    const entry = (change: StoreChange) => listener(change);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(change: StoreChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
