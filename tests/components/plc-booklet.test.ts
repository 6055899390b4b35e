import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/plc-booklet/index.js';
import type { PlcBooklet } from '../../components/plc-booklet/plc-booklet.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { button, click, deepActiveElement, hasButton, press, queryAllDeep, queryDeep, renderWithSession, settle, tabTo, textOf } from '../support/component-harness.js';
import { logBuilder, OUTCOME, waitForText } from '../support/log-harness.js';
import { catchDownload, publishFeedback, publishIndividual, twoPublished } from '../support/leaders-harness.js';

const render = (events: DomainEvent[] = [], options: { personId?: string; theme?: 'light' | 'dark' } = {}) =>
  renderWithSession<PlcBooklet>(html`<plc-booklet></plc-booklet>`, { personId: options.personId ?? 'p-beth', theme: options.theme, events });

const XSS = '<script>alert("booklet")</script>';

describe('plc-booklet', () => {
  it('says when nothing is published yet, without print or download buttons', async () => {
    const { element } = await render();
    expect(textOf(element)).to.contain('Nothing published for 2026-27 yet');
    expect(hasButton(element, 'Print')).to.equal(false);
    expect(hasButton(element, 'Download as Markdown')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it("shows the cycle's published outcomes by theme, in the cycle's theme order, with a title page and contents", async () => {
    const { element } = await render(twoPublished());
    const titlePage = textOf(queryDeep(element, '[part="title-page"]'));
    expect(titlePage).to.contain('Sharing what we learned');
    expect(titlePage).to.contain('Oakfield Academy');
    expect(titlePage).to.contain('2026-27');
    expect(titlePage).to.contain('2 outcomes from 2 themes');
    // Contents: themes in the cycle's order (Literacy before Assessment for learning), each with its outcomes.
    const links = queryAllDeep<HTMLAnchorElement>(queryDeep(element, '[part="contents"]'), 'a');
    expect(links.map((a) => [a.textContent!.trim(), a.getAttribute('href')])).to.deep.equal([
      ['Literacy', '#theme-th-literacy'],
      ['Reading like a scientist', '#outcome-enq-reading'],
      ['Assessment for learning', '#theme-th-afl'],
      ['Engaging with written feedback', '#outcome-enq-feedback'],
    ]);
    const sections = queryAllDeep(element, '[part="section"]');
    expect(sections.map((s) => s.id)).to.deep.equal(['theme-th-literacy', 'theme-th-afl']);
    const feedback = queryDeep(element, '#outcome-enq-feedback');
    const text = feedback.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Engaging with written feedback');
    expect(text).to.contain('Driving question: How can we encourage students to engage more actively with written feedback?');
    expect(text).to.contain('By: Amir Khan, Beth Evans, Chen Li');
    expect(text).to.contain(OUTCOME.summary);
    expect(text).to.contain('What worked: Fortnightly improvement time');
    expect(queryAllDeep(feedback, 'h5').map((h) => h.textContent!.trim())).to.deep.equal(['Summary', 'What we found', 'What we recommend', 'Reflection', 'Evidence']);
    expect(queryAllDeep(feedback, 'ul').map((ul) => [...ul.children].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()))).to.deep.equal([
      ['Most students acted on feedback when time was given in lessons'],
      ['Plan improvement time every fortnight'],
      ['Student voice survey: How do you use feedback? (63% agree)', 'Note: Book look'],
    ]);
    const reading = queryDeep(element, '#outcome-enq-reading');
    // Paragraphs of the summary stay paragraphs; web links are links.
    expect(queryAllDeep(reading, 'p').map((p) => p.textContent!.trim())).to.include('The effect was strongest for weaker readers.');
    expect(queryDeep<HTMLAnchorElement>(reading, 'a').href).to.equal('https://vle.example.org/reading-journals');
    // Headings in order: h2 title, h3 contents and themes, h4 outcomes, h5 parts.
    expect(queryAllDeep(element, 'h2, h3, h4').map((h) => `${h.tagName} ${h.textContent!.trim()}`).slice(0, 5)).to.deep.equal([
      'H2 Sharing what we learned',
      'H3 Contents',
      'H3 Literacy',
      'H4 Reading like a scientist',
      'H3 Assessment for learning',
    ]);
    await expect(element).to.be.accessible();
  });

  it('leaves out outcomes not published, or published without the booklet among their audiences', async () => {
    const log = logBuilder();
    publishFeedback(log, { ...OUTCOME, audiences: ['vle'] });
    publishIndividual(log, {
      enquiryId: 'enq-draft',
      ownerId: 'p-fern',
      themeId: 'th-literacy',
      title: 'Not yet published',
      question: 'How do we help readers?',
      outcome: { ...OUTCOME, audiences: ['booklet'] },
      unpublished: true,
    });
    const { element } = await render(log.events);
    expect(textOf(element)).to.contain('Nothing published for 2026-27 yet');
    expect(textOf(element)).not.to.contain('Not yet published');
  });

  it('moves to a theme or an outcome from the contents, by mouse and by keyboard', async () => {
    const { element } = await render(twoPublished());
    await click(button(element, 'Engaging with written feedback'));
    await settle(element);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Engaging with written feedback');
    expect(deepActiveElement()?.tagName).to.equal('H4');
    const literacy = button(element, /^Literacy$/);
    await tabTo(literacy);
    await press('Enter');
    await settle(element);
    expect(deepActiveElement()?.id).to.equal('theme-th-literacy-title');
  });

  it('exports Markdown and standalone HTML with every typed text escaped', async () => {
    const { element } = await render(
      twoPublished({
        title: `Reading ${XSS}`,
        question: `Does <img src=x onerror=alert(1)> help?`,
        outcome: { summary: `Summary ${XSS}`, findings: [`Finding ${XSS}`], recommendations: ['**bold** [link](javascript:alert(1))'], audiences: ['booklet'] },
      }),
    );
    // The page itself shows the text as text.
    expect(queryAllDeep(element, 'script, img')).to.have.length(0);
    expect(textOf(element)).to.contain(`Reading ${XSS}`);

    const md = await catchDownload(element, () => click(button(element, 'Download as Markdown')));
    expect(md.fileName).to.equal('booklet-2026-27.md');
    expect(md.mediaType).to.equal('text/markdown;charset=utf-8');
    expect(md.content).not.to.match(/<script|<img/i);
    expect(md.content).to.contain('### Reading &lt;script&gt;alert\\(\\"booklet\\"\\)&lt;\\/script&gt;');
    expect(md.content).to.contain('- Finding &lt;script&gt;');
    expect(md.content).to.contain('- \\*\\*bold\\*\\* \\[link\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(md.content).to.contain('# Sharing what we learned');
    expect(md.content).to.contain('[Engaging with written feedback](#outcome-enq-feedback)');

    const page = await catchDownload(element, () => click(button(element, 'Download as a web page (HTML)')));
    expect(page.fileName).to.equal('booklet-2026-27.html');
    expect(page.content.startsWith('<!doctype html>')).to.equal(true);
    expect(page.content).not.to.match(/<script|<img/i);
    expect(page.content).to.contain('<h3>Reading &lt;script&gt;alert(&quot;booklet&quot;)&lt;/script&gt;</h3>');
    expect(page.content).to.contain('@media print');
    // The standalone page renders the same outcomes, safely.
    const doc = new DOMParser().parseFromString(page.content, 'text/html');
    expect(doc.querySelectorAll('script, img')).to.have.length(0);
    expect([...doc.querySelectorAll('article h3')].map((h) => h.textContent)).to.deep.equal([`Reading ${XSS}`, 'Engaging with written feedback']);
  });

  it('prints well: no buttons, a page per theme, outcomes kept whole, web links spelt out', async () => {
    const { element } = await render(twoPublished());
    const printed: number[] = [];
    const original = window.print;
    window.print = () => printed.push(1);
    try {
      await click(button(element, 'Print'));
    } finally {
      window.print = original;
    }
    expect(printed).to.have.length(1);
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(queryDeep(element, '[part="toolbar"]')).display).to.equal('none');
      for (const section of queryAllDeep(element, '[part="section"]')) expect(getComputedStyle(section).breakBefore).to.equal('page');
      for (const outcome of queryAllDeep(element, '[part="outcome"]')) expect(getComputedStyle(outcome).breakInside).to.equal('avoid');
      expect(getComputedStyle(queryDeep(element, '[part="title-page"]')).breakAfter).to.equal('page');
      const link = queryDeep(element, '#outcome-enq-reading a[href^="http"]');
      expect(getComputedStyle(link, '::after').content).to.equal('" (https://vle.example.org/reading-journals)"');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('prints what each piece of evidence found, and leaves out "what did not work" when asked', async () => {
    const events = twoPublished({
      extraEvidence: [
        {
          id: 'voice-after',
          kind: 'student-voice',
          title: 'How much do you read? (after)',
          questions: [{ id: 'q1', text: 'I read about this subject outside lessons', type: 'agree' }],
          responseCount: 20,
          results: [{ questionId: 'q1', counts: [2, 2, 4, 8, 4] }],
        },
        { id: 'quiz', kind: 'assessment', title: 'Vocabulary quiz', measure: 'Mean score', unit: 'marks', before: { value: 4.2, students: 28 }, after: { value: 6.1, students: 27 } },
      ],
    });
    const { element } = await render(events);
    const reading = queryAllDeep(element, '[part="outcome"]').find((o) => textOf(o).includes('Reading like a scientist'))!;
    const text = textOf(reading);
    expect(text).to.contain('How much do you read? (50% agree)');
    expect(text).to.contain('How much do you read? (after) (60% agree, up from 50%)');
    expect(text).to.contain('Vocabulary quiz (4.2 → 6.1 marks)');
    expect(text).to.contain('What did not work');

    const option = queryAllDeep<HTMLInputElement>(element, '.option input')[0]!;
    await click(option);
    await settle(element);
    expect(element.hideWhatDidNot).to.equal(true);
    expect(textOf(element)).not.to.contain('What did not work');
    expect(textOf(element)).not.to.contain('Feedback written as questions took too long to mark.');
    expect(textOf(element)).to.contain('What worked');
    const file = await catchDownload(element, async () => click(button(element, 'Download as Markdown')));
    expect(file.content).to.contain('(60\\% agree\\, up from 50\\%)', 'escaped as every typed text');
    expect(file.content).not.to.contain('What did not work');
    await expect(element).to.be.accessible();
  });

  it("reaches last year's booklet from this year's empty one: the cycle picker, by keyboard", async () => {
    const { element } = await renderWithSession<PlcBooklet>(html`<plc-booklet></plc-booklet>`, { personId: 'p-clare' });
    await waitForText(element, 'Nothing published for 2026-27 yet');
    const picker = queryDeep<HTMLSelectElement>(element, '.cycle-picker select');
    expect([...picker.options].map((o) => o.textContent!.trim()).slice(0, 2)).to.deep.equal(['2026-27', '2025-26']);
    await tabTo(picker);
    await press('ArrowDown');
    await waitForText(element, 'Shared with all staff');
    expect(element.cycleId).to.equal('cy-2025');
    expect(hasButton(element, 'Print')).to.equal(true);
    expect(queryDeep<HTMLSelectElement>(element, '.cycle-picker select').value).to.equal('cy-2025');
    await expect(element).to.be.accessible();
  });

  it('asks who you are when nobody is signed in', async () => {
    const { element } = await renderWithSession<PlcBooklet>(html`<plc-booklet></plc-booklet>`, { personId: '', events: twoPublished() });
    expect(textOf(element)).to.contain('Choose who you are to read the booklet.');
  });

  it('is accessible in dark mode and fits a 320px phone', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { element } = await render(twoPublished(), { theme: 'dark' });
      await expect(element).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('switches language at runtime, exports included', async () => {
    const { element, provider } = await render(twoPublished());
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Compartimos lo que aprendimos');
    expect(textOf(element)).to.contain('Índice');
    expect(textOf(element)).to.contain('Lo que descubrimos');
    const md = await catchDownload(element, () => click(button(element, 'Descargar como Markdown')));
    expect(md.content).to.contain('## Índice');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'Sharing what we learned');
    provider.lang = 'en-GB';
    await provider.updateComplete;
  });
});

describe('plc-booklet: shared with all staff', () => {
  it('last year\u2019s booklet lists the session where its outcomes were presented, with links to them by mouse and keyboard', async () => {
    const { element } = await renderWithSession<PlcBooklet>(html`<plc-booklet cycle-id="cy-2025"></plc-booklet>`, { personId: 'p-ivo' });
    const sessions = queryDeep(element, '[part="sessions"]');
    expect(textOf(sessions)).to.contain('Shared with all staff');
    expect(textOf(sessions)).to.contain('What last year\u2019s PLCs learned 14 Oct 2026, 15:30 to 16:00');
    expect(textOf(sessions)).to.contain('15:30 – 15:45 · Main hall · Planning before doing · Aisha Bello');
    expect(textOf(queryDeep(element, '[part="contents"]'))).to.contain('Shared with all staff');
    await click(button(element, 'Shared with all staff'));
    await settle(element);
    expect(deepActiveElement()!.id).to.equal('sharing-sessions-title');
    await tabTo(button(sessions, 'Reading aloud in every subject'));
    await press('Enter');
    await settle(element);
    expect(deepActiveElement()!.id).to.equal('outcome-enq-reading-25-title');
    await expect(element).to.be.accessible();
  });
});
