/**
 * The pieces the elements share (components/shared/): headings at the host's level, data tables,
 * the table toggles of the chart elements, state messages and today's date on this device.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, LitElement, render, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { clampLevel, heading, headingLevel, styledHeading } from '../../components/shared/heading.js';
import { dataTable } from '../../components/shared/data-table.js';
import { TableToggles } from '../../components/shared/table-toggles.js';
import { stateNotice } from '../../components/shared/state-notice.js';
import { localToday } from '../../components/localization.js';
import { dataTableStyles } from '../../components/styles/data-table.js';
import { sharedStyles } from '../../components/styles/shared.js';
import { click, queryDeep } from '../support/component-harness.js';

/** Renders `template` into a fresh container and returns its first element. */
function first(template: TemplateResult): HTMLElement {
  const container = document.createElement('div');
  render(template, container);
  return container.firstElementChild as HTMLElement;
}

const attributes = (element: Element) => Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));

describe('shared headings', () => {
  it('heading() renders an h2 to h6, the level clamped, with only the attributes asked for', () => {
    expect([0, 1, 2, 3, 6, 7, Number.NaN].map((level) => first(heading(level, 'x')).tagName)).to.deep.equal(['H2', 'H2', 'H2', 'H3', 'H6', 'H6', 'H2']);
    expect(attributes(first(heading(3, 'Plain')))).to.deep.equal({});
    const full = first(heading(4, 'Title', { id: 'the-title', className: 'title', focusable: true }));
    expect(full.tagName).to.equal('H4');
    expect(attributes(full)).to.deep.equal({ id: 'the-title', class: 'title', tabindex: '-1' });
    expect(full.textContent).to.equal('Title');
    expect([clampLevel(1), clampLevel(4.4), clampLevel(9)]).to.deep.equal([2, 4, 6]);
  });

  it('styledHeading() renders an h1 to h6 with a look, focusable only when asked', () => {
    const title = first(styledHeading(1, 'q-heading', 'Driving question', 'title'));
    expect(title.tagName).to.equal('H1');
    expect(attributes(title)).to.deep.equal({ id: 'q-heading', class: 'heading-title' });
    const section = first(styledHeading(headingLevel(6, 1), 'published', 'Published', 'section', true));
    expect(section.tagName).to.equal('H6');
    expect(attributes(section)).to.deep.equal({ id: 'published', class: 'heading-section', tabindex: '-1' });
    expect([headingLevel(undefined), headingLevel(Number.NaN), headingLevel(3, 1), headingLevel(0), headingLevel(2.6, -1)]).to.deep.equal([2, 2, 4, 1, 2]);
  });
});

describe('dataTable()', () => {
  it('has a caption, column and row header cells, number cells and an optional total', async () => {
    const table = first(
      dataTable({
        caption: 'Answers',
        part: 'table',
        columns: ['Answer', 'Responses', 'Share'],
        rows: [
          { label: 'Agree', cells: ['3', '60%'] },
          { label: 'Disagree', cells: ['2', '40%'] },
        ],
        total: { label: 'Total', cells: ['5', '100%'] },
      }),
    ) as HTMLTableElement;
    expect(table.getAttribute('part')).to.equal('table');
    expect(table.caption!.textContent!.trim()).to.equal('Answers');
    expect([...table.tHead!.rows[0]!.cells].map((c) => [c.tagName, c.getAttribute('scope'), c.textContent])).to.deep.equal([
      ['TH', 'col', 'Answer'],
      ['TH', 'col', 'Responses'],
      ['TH', 'col', 'Share'],
    ]);
    const body = [...table.tBodies[0]!.rows].map((row) => [...row.cells].map((c) => `${c.tagName}${c.getAttribute('scope') ?? ''}.${c.className}:${c.textContent}`));
    expect(body).to.deep.equal([
      ['THrow.:Agree', 'TD.number:3', 'TD.number:60%'],
      ['THrow.:Disagree', 'TD.number:2', 'TD.number:40%'],
    ]);
    expect([...table.tFoot!.rows[0]!.cells].map((c) => c.textContent)).to.deep.equal(['Total', '5', '100%']);

    const plain = first(dataTable({ caption: 'By subject', columns: ['Subject', 'Lessons'], rows: [{ label: 'Maths', cells: ['4'] }] })) as HTMLTableElement;
    expect(plain.hasAttribute('part')).to.equal(false);
    expect(plain.tFoot).to.equal(null);
    // In the page, not through fixture(): it waits for an animation frame, which a background tab never gets.
    const wrap = document.body.appendChild(document.createElement('div'));
    try {
      render(dataTable({ caption: 'By subject', columns: ['Subject', 'Lessons'], rows: [{ label: 'Maths', cells: ['4'] }] }), wrap);
      await expect(wrap).to.be.accessible();
    } finally {
      wrap.remove();
    }
  });
});

/** A chart element in miniature: two tables behind toggles, or all shown. */
class ToggleHost extends LitElement {
  static override styles = [sharedStyles, dataTableStyles];
  @property({ attribute: 'show-all', type: Boolean }) accessor showAll = false;
  readonly tables = new TableToggles(this, () => this.showAll);

  protected override render() {
    return ['a', 'b'].map(
      (key) => html`${this.tables.button(key, `t-${key}`, { show: `Show table ${key}`, hide: `Hide table ${key}` })}
        <div class="table-wrap" id=${`t-${key}`} ?hidden=${!this.tables.isOpen(key)}>
          ${dataTable({ caption: `Table ${key}`, columns: ['Group', 'Count'], rows: [{ label: 'All', cells: ['1'] }] })}
        </div>`,
    );
  }
}
customElements.define('test-table-toggles', ToggleHost);

describe('TableToggles', () => {
  it('opens and closes each table with its own button, which says whether it is open', async () => {
    const host = await fixture<ToggleHost>(html`<test-table-toggles></test-table-toggles>`);
    const toggle = (key: string) => queryDeep<HTMLButtonElement>(host, `button[aria-controls="t-${key}"]`);
    const hidden = (key: string) => queryDeep(host, `#t-${key}`).hasAttribute('hidden');
    expect([toggle('a').getAttribute('aria-expanded'), toggle('a').textContent!.trim(), hidden('a'), hidden('b')]).to.deep.equal(['false', 'Show table a', true, true]);
    await expect(host).to.be.accessible();

    await click(toggle('a'));
    await host.updateComplete;
    expect([toggle('a').getAttribute('aria-expanded'), toggle('a').textContent!.trim(), hidden('a'), hidden('b')]).to.deep.equal(['true', 'Hide table a', false, true]);
    expect(host.tables.isOpen('a')).to.equal(true);
    await expect(host).to.be.accessible();

    await click(toggle('a'));
    await host.updateComplete;
    expect(hidden('a')).to.equal(true);

    await click(toggle('b'));
    await host.updateComplete;
    host.tables.reset();
    await host.updateComplete;
    expect([hidden('a'), hidden('b'), toggle('b').getAttribute('aria-expanded')]).to.deep.equal([true, true, 'false']);
  });

  it('shows every table and no buttons when the element shows all its tables', async () => {
    const host = await fixture<ToggleHost>(html`<test-table-toggles show-all></test-table-toggles>`);
    expect(host.shadowRoot!.querySelectorAll('button')).to.have.length(0);
    expect([...host.shadowRoot!.querySelectorAll('.table-wrap')].map((w) => w.hasAttribute('hidden'))).to.deep.equal([false, false]);
    expect(host.tables.isOpen('anything')).to.equal(true);
  });
});

describe('stateNotice()', () => {
  it('is a status, or an alert for an error, in the state part', async () => {
    const status = first(stateNotice('Loading the driving question…'));
    expect([status.getAttribute('role'), status.getAttribute('part'), status.className, status.textContent]).to.deep.equal([
      'status',
      'state',
      'state empty',
      'Loading the driving question…',
    ]);
    const alert = first(stateNotice('The enquiry could not be loaded: disk on fire', true));
    expect([alert.getAttribute('role'), alert.className]).to.deep.equal(['alert', 'state notice error']);
  });
});

describe('localToday()', () => {
  it("is today's date on this device as YYYY-MM-DD (not the UTC date)", () => {
    // Swedish dates are written YYYY-MM-DD, in the device's time zone.
    const expected = new Date().toLocaleDateString('sv-SE');
    expect(localToday()).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(localToday()).to.equal(expected);
  });
});
