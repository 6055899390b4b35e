import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-my-enquiries/index.js';
import type { PlcMyEnquiries } from '../../components/plc-my-enquiries/plc-my-enquiries.js';
import type { PlcEnquiryOpenEvent } from '../../components/events/enquiry-open.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import type { EnquiryDetails } from '../../src/schema/enquiry.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { button, click, deepActiveElement, field, hasButton, press, queryAllDeep, renderWithSession, settle, textOf, typeInto, type SessionOptions } from '../support/component-harness.js';
import { waitFor } from '../support/app-harness.js';
import { demoEvents } from '../../examples/demo/seed.js';
import { pastYearEvents } from '../../examples/demo/programme.js';

async function render(options: SessionOptions = {}, wait = true) {
  return renderWithSession<PlcMyEnquiries>(html`<plc-my-enquiries></plc-my-enquiries>`, { ...options, untilLoaded: wait });
}

/** A store whose enquiry list never answers (loading) or fails (error). */
function storeWith(listEnquiries: Store['listEnquiries']): Store {
  const store = createMemoryStore({ lifecycle: defaultLifecycle });
  return new Proxy(store, {
    get: (target, key) => (key === 'listEnquiries' ? listEnquiries : Reflect.get(target, key, target)),
  });
}

const creates = async (store: Store) => {
  const all = await store.listEnquiries({});
  const seeded = new Set([...demoEvents(), ...pastYearEvents()].map((e) => e.enquiryId));
  const fresh = all.filter((s) => !seeded.has(s.enquiryId));
  return Promise.all(fresh.map(async (s) => (await store.readLog(s.enquiryId))[0]!));
};

describe('plc-my-enquiries', () => {
  it('lists the enquiries a member owns with theme, stage, status, last change and question', async () => {
    const { element } = await render({ personId: 'p-beth' });
    const items = queryAllDeep(element, 'li.item');
    expect(items).to.have.length(1);
    const text = textOf(items[0]!);
    expect(text).to.contain('Engaging with written feedback');
    expect(text).to.contain('Assessment for learning');
    expect(text).to.contain('Observation');
    expect(text).to.contain('In progress');
    expect(text).to.contain('Feedback that moves learning');
    expect(text).to.contain('How can we encourage students to engage more actively with written feedback?');
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).to.match(/^2026-10-/);
    await expect(element).to.be.accessible();
  });

  it('is accessible in dark mode', async () => {
    const { element } = await render({ personId: 'p-beth', theme: 'dark' });
    await expect(element).to.be.accessible();
  });

  it('opens an enquiry with a real click on its title', async () => {
    const { element } = await render({ personId: 'p-beth' });
    const opened = oneEvent(element, 'plc-enquiry-open') as Promise<PlcEnquiryOpenEvent>;
    await click(button(element, 'Engaging with written feedback'));
    const event = await opened;
    expect(event.enquiryId).to.equal('enq-feedback');
    expect(event.created).to.equal(false);
  });

  it("shows a lead their community's group enquiries and marks them", async () => {
    const { element } = await render({ personId: 'p-dana' });
    const text = textOf(element);
    expect(text).to.contain('Structured talk in mixed-attainment groups');
    expect(text).to.contain('Driving question');
    expect(text).to.contain('Talk for learning');
  });

  it('shows an empty state with a start button, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element } = await render({ personId: 'p-ivo', theme });
      expect(textOf(element)).to.contain('You have no enquiries in 2026-27 yet.');
      expect(hasButton(element, 'Start a new enquiry')).to.equal(true);
      await expect(element).to.be.accessible();
    }
  });

  it('asks who you are when nobody is signed in, and explains a missing provider', async () => {
    const { element } = await render({ personId: '' });
    expect(textOf(element)).to.contain('Choose who you are');
    await expect(element).to.be.accessible();
    const bare = await fixture<PlcMyEnquiries>(html`<plc-my-enquiries></plc-my-enquiries>`);
    expect(textOf(bare)).to.contain('plc-provider');
    await expect(bare).to.be.accessible();
  });

  it('shows a loading state while the list is on its way', async () => {
    const store = storeWith(() => new Promise(() => {}));
    const { element } = await render({ store, personId: 'p-beth' }, false);
    expect(textOf(element)).to.contain('Loading your enquiries');
    await expect(element).to.be.accessible();
  });

  it('shows an error with a retry that loads the list again', async () => {
    let fail = true;
    const real = createMemoryStore({ lifecycle: defaultLifecycle });
    const store = new Proxy(real, {
      get: (target, key) =>
        key === 'listEnquiries'
          ? (filter: Parameters<Store['listEnquiries']>[0]) => (fail ? Promise.reject(new Error('disk on fire')) : target.listEnquiries(filter))
          : Reflect.get(target, key, target),
    });
    for (const theme of ['light', 'dark'] as const) {
      fail = true;
      const { element } = await render({ store, personId: 'p-beth', theme });
      expect(textOf(element)).to.contain('Your enquiries could not be loaded.');
      expect(textOf(element)).to.contain('disk on fire');
      await expect(element).to.be.accessible();
      fail = false;
      await click(button(element, 'Try again'));
      await waitFor(() => textOf(element).includes('Engaging with written feedback'));
    }
  });

  it('starts an individual project on the new-staff track for new staff', async () => {
    const { element, store } = await render({ personId: 'p-ivo' });
    await click(button(element, 'Start a new enquiry'));
    await settle(element);
    expect(deepActiveElement()?.id).to.equal('form-heading');
    const group = field<HTMLInputElement>(element, 'Group enquiry');
    expect(group.disabled).to.equal(true);
    expect(field<HTMLInputElement>(element, 'Individual project').checked).to.equal(true);
    expect(textOf(element)).to.contain('You are not in a community in 2026-27.');
    expect(field<HTMLSelectElement>(element, 'Track').value).to.equal('new-staff');
    await expect(element).to.be.accessible();

    const theme = field<HTMLSelectElement>(element, 'Theme');
    theme.focus();
    await press('ArrowDown');
    await settle(element);
    expect(theme.value).to.equal('th-strategic');
    await typeInto(field(element, 'Title'), 'Habits of independent study');
    const opened = oneEvent(element, 'plc-enquiry-open') as Promise<PlcEnquiryOpenEvent>;
    await click(button(element, 'Start the enquiry'));
    const event = await opened;
    expect(event.created).to.equal(true);
    const [create] = await creates(store);
    expect(create!.enquiryId).to.equal(event.enquiryId);
    expect(create!.type).to.equal('enquiry.create');
    expect(create!.authorId).to.equal('p-ivo');
    const details = create!.payload as EnquiryDetails;
    expect(details).to.deep.include({ title: 'Habits of independent study', kind: 'individual', cycleId: 'cy-2026', themeId: 'th-strategic', track: 'new-staff' });
    expect(details.ownerIds).to.deep.equal(['p-ivo']);
    expect(details.communityId).to.equal(undefined);
    expect(details.stages).to.deep.equal([...defaultLifecycle.stages]);
  });

  it("starts a group enquiry in the person's community with its theme, after asking for a title", async () => {
    const { element, store } = await render({ personId: 'p-chen' });
    await click(button(element, 'Start a new enquiry'));
    await settle(element);
    expect(field<HTMLInputElement>(element, 'Group enquiry').checked).to.equal(true);
    expect(field<HTMLSelectElement>(element, 'Community').value).to.equal('com-feedback');
    expect(textOf(element)).to.contain('Assessment for learning');
    expect(field<HTMLSelectElement>(element, 'Track').value).to.equal('plc');

    await click(button(element, 'Start the enquiry'));
    await settle(element);
    expect(textOf(element)).to.contain('Give the enquiry a title.');
    const title = field<HTMLInputElement>(element, 'Title');
    expect(deepActiveElement()).to.equal(title);
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();

    await typeInto(title, 'Questions in the margin');
    const opened = oneEvent(element, 'plc-enquiry-open');
    await press('Enter');
    await opened;
    const [create] = await creates(store);
    expect(create!.payload).to.deep.include({ kind: 'group', communityId: 'com-feedback', themeId: 'th-afl', track: 'plc', title: 'Questions in the margin' });
    await waitFor(() => textOf(element).includes('Questions in the margin'));
  });

  it('offers an individual project with a supporting community and keeps the typed title when cancelled and reopened empty', async () => {
    const { element, store } = await render({ personId: 'p-chen' });
    await click(button(element, 'Start a new enquiry'));
    await settle(element);
    await click(field(element, 'Individual project'));
    await settle(element);
    const support = field<HTMLSelectElement>(element, 'Supporting community');
    support.focus();
    await press('ArrowDown');
    await settle(element);
    expect(support.value).to.not.equal('');
    await typeInto(field(element, 'Title'), 'My own project');
    await click(button(element, 'Start the enquiry'));
    await waitFor(async () => (await creates(store)).length === 1);
    const [create] = await creates(store);
    expect(create!.payload).to.deep.include({ kind: 'individual', communityId: support.value });
    expect((create!.payload as EnquiryDetails).themeId).to.equal(undefined);
  });

  it('cancels the form and returns focus to the start button', async () => {
    const { element } = await render({ personId: 'p-beth' });
    await click(button(element, 'Start a new enquiry'));
    await settle(element);
    await click(button(element, 'Cancel'));
    await settle(element);
    expect(queryAllDeep(element, 'form')).to.have.length(0);
    expect((deepActiveElement() as HTMLElement).id).to.equal('start');
  });

  it('lists another cycle when cycle-id is set, and starts new enquiries only in open cycles', async () => {
    const { element } = await renderWithSession<PlcMyEnquiries>(html`<plc-my-enquiries cycle-id="cy-2025"></plc-my-enquiries>`, { personId: 'p-beth' });
    await element.loaded;
    await settle(element);
    expect(textOf(element)).to.contain('You have no enquiries in 2025-26 yet.');
    await click(button(element, 'Start a new enquiry'));
    await settle(element);
    const cycles = [...field<HTMLSelectElement>(element, 'Cycle').options].map((o) => o.text);
    expect(cycles).to.deep.equal(['2026-27', '2025-26']);
    expect(field<HTMLSelectElement>(element, 'Cycle').value).to.equal('cy-2025');
  });

  it('re-renders in en-US and Spanish when the language changes', async () => {
    const { element, provider } = await render({ personId: 'p-ivo' });
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('You have no inquiries in 2026-27 yet.'));
    provider.lang = 'es';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Empezar una nueva indagación'));
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Start a new enquiry'));
  });
});
