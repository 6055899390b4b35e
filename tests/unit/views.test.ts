/**
 * The stage and evidence-kind descriptions (components/stages, components/evidence): every stage
 * and every evidence kind the lifecycle knows has one, and every text in them is in every
 * language plc-kit ships, as the locale catalogues' test asks of the catalogues. A built-in
 * description carries its own words, so this is where a missing translation is caught.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { BUILT_IN_EVIDENCE } from '../../src/schema/evidence.js';
import { BUILT_IN_STAGE_VIEWS } from '../../components/stages/built-in.js';
import { BUILT_IN_EVIDENCE_VIEWS } from '../../components/evidence/built-in.js';
import { createViews, evidenceKindLabel, stageLabel } from '../../components/context/views.js';
import { fill, humanise, textOf } from '../../components/shared/text.js';

const LOCALE_TAGS = new Set(['en', 'en-GB', 'en-US', 'es']);

/** Every per-language text in a description, with where it is. */
function textsIn(value: unknown, path: string, found: Array<{ path: string; text: Record<string, string> }> = []) {
  if (!value || typeof value !== 'object') return found;
  const entries = Object.entries(value);
  if (entries.length > 0 && entries.every(([key, v]) => LOCALE_TAGS.has(key) && typeof v === 'string')) {
    found.push({ path, text: value as Record<string, string> });
    return found;
  }
  for (const [key, v] of entries) textsIn(v, `${path}.${key}`, found);
  return found;
}

/** Everything each description file exports: the descriptions and the words their renderers use. */
const descriptions: Array<{ name: string; view: unknown }> = [];
// Each folder written out in its import, so that esbuild (scripts/test-bundles.js) bundles every file in it too.
const load: Record<string, (file: string) => Promise<Record<string, unknown>>> = {
  'components/stages': (file) => import(`../../components/stages/${file}`),
  'components/evidence': (file) => import(`../../components/evidence/${file}`),
};
for (const [folder, importFile] of Object.entries(load)) {
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    const module = await importFile(file);
    for (const [name, value] of Object.entries(module)) descriptions.push({ name: `${folder}/${file} ${name}`, view: value });
  }
}

describe('built-in stage and evidence-kind descriptions', () => {
  it('describe every stage and every evidence kind the lifecycle knows, once', () => {
    assert.deepEqual(BUILT_IN_STAGE_VIEWS.map((v) => v.id), [...defaultLifecycle.stages]);
    assert.deepEqual(BUILT_IN_EVIDENCE_VIEWS.map((v) => v.kind).sort(), Object.keys(BUILT_IN_EVIDENCE).sort());
  });

  it('have their texts in English and Spanish, found by the walk', () => {
    const texts = descriptions.flatMap(({ name, view }) => textsIn(view, name));
    assert.ok(texts.length > 70, `only ${texts.length} texts found: the walk is broken`);
    const missing = texts.filter(({ text }) => !('es' in text) || !('en' in text || 'en-GB' in text)).map((t) => t.path);
    assert.deepEqual(missing, []);
  });

  it('say inquiry, color and program in en-US', () => {
    const british = descriptions
      .flatMap(({ name, view }) => textsIn(view, name))
      .filter(({ text }) => /enquir|colour|programme|organis|analys(e|ing)\b|behaviour|artefact/i.test(text['en-US'] ?? text['en'] ?? text['en-GB'] ?? ''))
      .map((t) => t.path);
    assert.deepEqual(british, []);
  });

  it('name stages and kinds nobody described from their ids, and a host’s description replaces the built-in one', () => {
    assert.equal(stageLabel('coaching'), 'Coaching');
    assert.equal(evidenceKindLabel('reading-log'), 'Reading log');
    const views = createViews({ stages: [{ id: 'coaching', label: { en: 'Coaching sessions', es: 'Acompañamiento' } }], evidence: [{ kind: 'note', label: 'Jotting' }] });
    assert.equal(stageLabel('coaching', views), 'Coaching sessions');
    assert.equal(evidenceKindLabel('note', views), 'Jotting');
    assert.equal(evidenceKindLabel('note'), 'Note');
  });
});

describe('Text', () => {
  it('takes the closest language, a function or a plain string, and fills named values', () => {
    // The active locale in Node is the source locale, en-GB.
    assert.equal(textOf({ 'en-US': 'Color', en: 'Colour', es: 'Color' }), 'Colour');
    assert.equal(textOf({ 'en-GB': 'Programme', es: 'Programa' }), 'Programme');
    assert.equal(textOf({ fr: 'Présence' }), 'Présence');
    assert.equal(textOf(() => 'From a function'), 'From a function');
    assert.equal(textOf('Plain'), 'Plain');
    assert.equal(fill({ en: '{n} of {m} lessons ({share})' }, { n: 3, m: 4, share: '75%' }), '3 of 4 lessons (75%)');
    assert.equal(fill('{unknown} stays', {}), '{unknown} stays');
    assert.equal(humanise('lessonsShowingFocus'), 'Lessons showing focus');
  });
});
