/**
 * Every message id used in components/ has a translation in every target catalogue, no
 * catalogue keeps ids nobody uses, and interpolated messages keep the same number of values.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { templates as enUS } from '../../components/locales/en-US.js';
import { templates as es } from '../../components/locales/es.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Message ids with the number of interpolated values, read from every `msg(..., { id })` call by
 * TypeScript's parser (a pattern missed calls whose text held another template, such as a nested
 * msg()).
 */
function usedMessages(): Map<string, number> {
  const used = new Map<string, number>();
  for (const file of sources('components')) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg') {
        const [text, options] = node.arguments;
        const id = options && ts.isObjectLiteralExpression(options)
          ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'id')
          : undefined;
        if (id && ts.isStringLiteral(id.initializer) && text) {
          const template = ts.isTaggedTemplateExpression(text) ? text.template : text;
          used.set(id.initializer.text, ts.isTemplateExpression(template) ? template.templateSpans.length : 0);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return used;
}

const valuesIn = (entry: unknown): number =>
  typeof entry === 'object' && entry !== null && 'values' in entry ? (entry as { values: unknown[] }).values.length : 0;

const textOf = (entry: unknown): string =>
  typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null && 'strings' in entry ? (entry as { strings: string[] }).strings.join(' ') : '';

describe('locale catalogues', () => {
  it('en-US uses American words: inquiry, color, program', () => {
    const british = Object.entries(enUS).filter(([, entry]) => /enquir|colour|programme|organis|analys(e|ing)\b|behaviour/i.test(textOf(entry)));
    assert.deepEqual(british.map(([id]) => id), []);
  });

  const used = usedMessages();
  for (const [name, catalogue] of [
    ['en-US', enUS],
    ['es', es],
  ] as const) {
    it(`${name} translates every message id used in components`, () => {
      assert.ok(used.size > 0, 'no msg() calls with ids found: the scan is broken');
      const missing = [...used.keys()].filter((id) => !(id in catalogue));
      assert.deepEqual(missing, [], `${name} lacks: ${missing.join(', ')}`);
    });
    it(`${name} has no unused ids`, () => {
      const unused = Object.keys(catalogue).filter((id) => !used.has(id));
      assert.deepEqual(unused, []);
    });
    it(`${name} keeps the values of interpolated messages`, () => {
      const wrong = [...used].filter(([id, count]) => id in catalogue && valuesIn((catalogue as Record<string, unknown>)[id]) !== count);
      assert.deepEqual(wrong.map(([id]) => id), []);
    });
  }
});
