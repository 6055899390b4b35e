/**
 * The embed page's bootstrap: URL parameters are checked (every problem named, in the reader's
 * language), each view renders the right element inside a provider, and a list opening an
 * enquiry shows it with a way back.
 */
import { expect } from '@open-wc/testing';
import '../../components/define.js';
import { mountEmbed, readEmbedParams, type EmbedHandle } from '../../components/embed/embed.js';
import { setPlcLocale } from '../../components/localization.js';
import { button, click, queryDeep, settle, textOf } from '../support/component-harness.js';
import { waitFor } from '../support/embed-harness.js';

const roots: HTMLElement[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) root.remove();
});

/**
 * Mounts the embed into a fresh <main>. (Not open-wc's `fixture`: for an element that is not a
 * Lit element it waits for an animation frame, which never comes while the test runner keeps
 * this page in a background tab.)
 */
async function mount(search: string): Promise<{ root: HTMLElement; handle: EmbedHandle }> {
  const root = document.body.appendChild(document.createElement('main'));
  roots.push(root);
  const handle = mountEmbed(root, search);
  await handle.ready;
  return { root, handle };
}

/** The view element in `root`, once it has rendered its content. */
async function viewOf(root: HTMLElement, tag: string, text: string | RegExp): Promise<HTMLElement> {
  const element = root.querySelector<HTMLElement>(`plc-provider > ${tag}`);
  expect(element, tag).to.not.equal(null);
  await waitFor(() => (typeof text === 'string' ? textOf(element!).includes(text) : text.test(textOf(element!))), `${tag} to show ${String(text)}`);
  await settle(element!);
  return element!;
}

describe('embed: URL parameters', () => {
  afterEach(() => setPlcLocale('en-GB'));

  it('defaults to my enquiries, light, IndexedDB, no demo and no parent origin', () => {
    expect(readEmbedParams('')).to.deep.equal({
      ok: true,
      params: { view: 'my-enquiries', id: undefined, person: undefined, lang: undefined, cycle: undefined, community: undefined, theme: undefined, colorScheme: 'light', storage: 'indexeddb', demo: false },
    });
  });

  it('reads every parameter, and normalises the parent origin', () => {
    const parsed = readEmbedParams('?view=board&person=p-amir&lang=es&cycle=cy-2025&community=com-feedback&theme=th-afl&color-scheme=dark&storage=memory&demo&parent-origin=https://vle.school.example/');
    expect(parsed).to.deep.equal({
      ok: true,
      params: {
        view: 'board',
        id: undefined,
        person: 'p-amir',
        lang: 'es',
        cycle: 'cy-2025',
        community: 'com-feedback',
        theme: 'th-afl',
        colorScheme: 'dark',
        storage: 'memory',
        demo: true,
        parentOrigin: 'https://vle.school.example',
      },
    });
  });

  it('names every problem: an unknown view, a missing or malformed id, a bad value, an origin that is not one', () => {
    const problems = (search: string) => {
      const parsed = readEmbedParams(search);
      return parsed.ok ? [] : parsed.problems.map((p) => `${p.param}:${p.code}`);
    };
    expect(problems('?view=gradebook')).to.deep.equal(['view:unknown-view']);
    expect(problems('?view=enquiry')).to.deep.equal(['id:missing']);
    expect(problems('?view=enquiry&id=<script>')).to.deep.equal(['id:invalid-id']);
    expect(problems('?person=a b&color-scheme=pink&storage=cloud')).to.deep.equal(['person:invalid-id', 'color-scheme:invalid-value', 'storage:invalid-value']);
    for (const origin of ['*', 'null', 'https://vle.school.example/course/1', 'javascript:alert(1)', 'vle.school.example', 'https://vle.school.example?x=1']) {
      expect(problems(`?parent-origin=${encodeURIComponent(origin)}`), origin).to.deep.equal(['parent-origin:invalid-origin']);
    }
    expect(problems('?lang=<b>')).to.deep.equal(['lang:invalid-value']);
    const us = readEmbedParams('?view=inquiry&id=enq-1');
    expect(us.ok && us.params.view).to.equal('enquiry');
    const mine = readEmbedParams('?view=my-inquiries');
    expect(mine.ok && mine.params.view).to.equal('my-enquiries');
  });
});

describe('embed: views', () => {
  afterEach(() => setPlcLocale('en-GB'));

  it('shows one enquiry inside a provider with the person, language and colour scheme asked for', async () => {
    const { root } = await mount('?view=enquiry&id=enq-feedback&person=p-beth&storage=memory&demo&color-scheme=dark');
    const provider = root.querySelector('plc-provider')!;
    expect(provider.getAttribute('person-id')).to.equal('p-beth');
    expect(provider.getAttribute('theme')).to.equal('dark');
    expect(provider.getAttribute('storage')).to.equal('memory');
    const view = await viewOf(root, 'plc-enquiry', 'Engaging with written feedback');
    expect(view.getAttribute('enquiry-id')).to.equal('enq-feedback');
    await expect(view).to.be.accessible();
  });

  it('shows the community board with its filters, the impact report, the booklet and my enquiries', async () => {
    const board = await mount('?view=board&community=com-feedback&person=p-clare&storage=memory&demo');
    const element = await viewOf(board.root, 'plc-community-board', 'Engaging with written feedback');
    expect(element.getAttribute('filter-community')).to.equal('com-feedback');
    expect(textOf(element)).to.not.contain('Structured talk');
    await viewOf((await mount('?view=impact&person=p-clare&storage=memory&demo')).root, 'plc-impact-report', /impact/i);
    await viewOf((await mount('?view=booklet&person=p-clare&storage=memory&demo')).root, 'plc-booklet', /booklet|outcome/i);
    await viewOf((await mount('?person=p-beth&storage=memory&demo')).root, 'plc-my-enquiries', 'Engaging with written feedback');
  });

  it('opens an enquiry from the list, with a Back button to the list', async () => {
    const { root } = await mount('?view=my-enquiries&person=p-beth&storage=memory&demo');
    const list = await viewOf(root, 'plc-my-enquiries', 'Engaging with written feedback');
    await click(button(list, 'Engaging with written feedback'));
    const enquiry = await viewOf(root, 'plc-enquiry', 'Engaging with written feedback');
    expect(enquiry.getAttribute('enquiry-id')).to.equal('enq-feedback');
    await click(button(root, 'Back'));
    await viewOf(root, 'plc-my-enquiries', 'Engaging with written feedback');
    expect(root.querySelector('plc-enquiry')).to.equal(null);
  });

  it('explains an address it cannot show, accessibly, in the language asked for', async () => {
    const { root } = await mount('?view=gradebook&parent-origin=*');
    const alert = queryDeep(root, '[role="alert"]');
    expect(textOf(alert)).to.contain('This plc-kit view cannot be shown');
    expect(textOf(alert)).to.contain('There is no view called “gradebook”');
    expect(textOf(alert)).to.contain('parent-origin=* is not an origin');
    expect(root.querySelector('plc-provider')).to.equal(null);
    await expect(root).to.be.accessible();
    const spanish = await mount('?view=enquiry&lang=es');
    expect(textOf(spanish.root)).to.contain('Esta vista de plc-kit no se puede mostrar');
    expect(textOf(spanish.root)).to.contain('necesita el identificador de la indagación');
  });
});
