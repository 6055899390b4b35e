import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-coaching-pairs/index.js';
import type { PlcCoachingPairs } from '../../components/plc-coaching-pairs/plc-coaching-pairs.js';
import { button, click, field, renderWithSession, settle, tabTo, press, textOf, typeInto } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';

const render = (personId: string, lang = 'en-GB') => renderWithSession<PlcCoachingPairs>(html`<plc-coaching-pairs></plc-coaching-pairs>`, { personId, lang });

describe('plc-coaching-pairs', () => {
  it('shows Beth her pair, its slots and the pair’s log, and she adds to it with the keyboard', async () => {
    const { element, store } = await render('p-beth');
    expect(textOf(element)).to.contain('You and Chen Li');
    expect(textOf(element)).to.contain('Beth Evans observes Chen Li on');
    expect(textOf(element)).to.contain('no hands up');
    expect(textOf(element)).not.to.contain('Pair two colleagues', 'a teacher does not arrange pairs');
    await expect(element).to.be.accessible();
    const text = field<HTMLTextAreaElement>(element, 'What we tried, saw or will do next');
    await typeInto(text, 'Cold calling felt calmer with a think-pair first.');
    await tabTo(button(element, 'Add to our log'));
    await press('Enter');
    await waitForText(element, 'Cold calling felt calmer');
    const logs = (await store.list('coachingLogs')).map((l) => l.record);
    expect(logs.find((l) => l.text.startsWith('Cold calling'))).to.include({ pairId: 'cp-beth-chen', authorId: 'p-beth' });
  });

  it('keeps the log from leaders: Clare (CPD leader) sees the pair and its slots, never the log', async () => {
    const { element } = await render('p-clare');
    await settle(element);
    expect(textOf(element)).to.contain('Beth Evans and Chen Li');
    expect(textOf(element)).not.to.contain('no hands up');
    expect(textOf(element)).to.contain('Not paired yet:');
    await expect(element).to.be.accessible();
  });

  it('a teacher outside any pair sees neither the pair nor the log', async () => {
    const { element } = await render('p-amir');
    expect(textOf(element)).to.contain('You are not in a coaching pair this cycle.');
    expect(textOf(element)).not.to.contain('Chen Li');
  });

  it('the coach pairs two colleagues with real clicks, and a one-sided or out-of-cycle pair is refused naming the field', async () => {
    const { element, store } = await render('p-dana');
    const first = field<HTMLSelectElement>(element, 'First colleague');
    const second = field<HTMLSelectElement>(element, 'Second colleague');
    first.value = 'p-eli';
    second.value = 'p-eli';
    // A date field's typed format follows the browser's locale: the dates are set, the buttons clicked.
    field<HTMLInputElement>(element, 'The first observes the second on').value = '2026-10-05';
    field<HTMLInputElement>(element, 'The second observes the first on').value = '2026-10-12';
    await click(button(element, 'Pair them'));
    await waitForText(element, 'must be a different colleague');
    second.value = 'p-fern';
    const late = field<HTMLInputElement>(element, 'The second observes the first on');
    late.value = '2027-09-01';
    await click(button(element, 'Pair them'));
    await waitForText(element, 'must be within the cycle 2026-27');
    late.value = '2026-10-12';
    await click(button(element, 'Pair them'));
    await settle(element);
    const shown = textOf(element);
    expect(shown.slice(shown.indexOf('Pair two colleagues'))).not.to.match(/must|required|invalid/);
    await waitForText(element, 'Eli Novak and Fern Walsh');
    const pair = (await store.list('coachingPairs')).map((p) => p.record).find((p) => p.personIds.includes('p-eli'));
    expect(pair).to.deep.include({ arrangedById: 'p-dana', cycleId: 'cy-2026' });
    expect(pair!.slots.map((s) => [s.observerId, s.observedId, s.date])).to.deep.equal([['p-eli', 'p-fern', '2026-10-05'], ['p-fern', 'p-eli', '2026-10-12']]);
    await expect(element).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const { element } = await render('p-beth', 'es');
    await waitForText(element, 'Mentoría entre iguales');
    expect(textOf(element)).to.contain('Tú y Chen Li');
  });
});
