/**
 * Importing one element brings its events' types (issue 20): each element's module exports the
 * class of every event its documentation names (`@event plc-x`), so its `.d.ts` imports the event
 * module and with it the `GlobalEventHandlersEventMap` entry; `e.step` on `plc-change` then
 * type-checks without importing define.js. Every documented event has a class.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const components = fileURLToPath(new URL('../../../components/', import.meta.url));
const read = (path: string) => readFileSync(`${components}${path}`, 'utf8');

/** Each event's class, by the event's name, from the classes' `static readonly eventName`. */
const classOf = new Map<string, string>();
for (const file of [...readdirSync(`${components}events`).map((f) => `events/${f}`), 'plc-meeting/meeting-save-event.ts']) {
  for (const [, klass, name] of read(file).matchAll(/export class (\w+) extends Event \{\s*static readonly eventName = '([\w-]+)'/g)) classOf.set(name!, klass!);
}

describe('each element exports the events it fires', () => {
  const tags = readdirSync(components).filter((name) => name.startsWith('plc-'));
  for (const tag of tags) {
    it(tag, () => {
      const documented = [...read(`${tag}/${tag}.ts`).matchAll(/@event (plc-[\w-]+)/g)].map((m) => m[1]!);
      const index = read(`${tag}/index.ts`);
      for (const name of documented) {
        const klass = classOf.get(name);
        assert.ok(klass, `${tag} documents ${name}, which has no event class`);
        assert.match(index, new RegExp(`export \\{[^}]*\\b${klass}\\b`), `${tag}/index.ts does not export ${klass} (${name})`);
      }
    });
  }
});
