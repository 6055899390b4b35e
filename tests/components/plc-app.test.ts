import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/plc-app/index.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import { hashOf, routeFromHash } from '../../components/plc-app/plc-app.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { button, click, deepActiveElement, field, hasButton, press, queryAllDeep, queryDeep, tabTo, textOf } from '../support/component-harness.js';
import { chooseOption, waitFor, waitForText } from '../support/app-harness.js';

/** Renders the app on its own memory store (so tests never share data) and waits for the list. */
async function renderApp(template = html`<plc-app demo storage="memory" theme="light" lang="en-GB"></plc-app>`, wait = 'My enquiries') {
  const app = await fixture<PlcApp>(template);
  await app.ready;
  await waitForText(app, wait);
  return app;
}

const view = (app: PlcApp) => app.shadowRoot!.querySelector('[part="view"]')!;

describe('plc-app', () => {
  beforeEach(() => {
    localStorage.removeItem('plc-kit-demo');
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    history.replaceState(null, '', location.pathname + location.search);
    await setViewport({ width: 800, height: 600 });
  });

  it('reads and writes routes as URL hashes', () => {
    expect(routeFromHash('')).to.deep.equal({ section: 'enquiries' });
    expect(routeFromHash('#/')).to.deep.equal({ section: 'enquiries' });
    expect(routeFromHash('#/enquiry/enq-feedback')).to.deep.equal({ section: 'enquiries', enquiryId: 'enq-feedback' });
    expect(routeFromHash('#/enquiry/<script>')).to.deep.equal({ section: 'enquiries' });
    expect(hashOf({ section: 'enquiries', enquiryId: 'enq-1' })).to.equal('#/enquiry/enq-1');
  });

  it('seeds the demo school into an empty store and shows the header, person, language and navigation', async () => {
    const app = await renderApp();
    await waitForText(app, 'Oakfield Academy');
    const text = textOf(app);
    expect(text).to.contain('Professional learning communities · 2025-26');
    const person = field<HTMLSelectElement>(app, 'Signed in as');
    expect(person.value).to.equal('p-beth');
    expect(person.selectedOptions[0]!.text).to.equal('Beth Evans · Member, Feedback that moves learning');
    expect([...person.options].map((o) => o.text)).to.include('Amir Khan · Lead, Feedback that moves learning');
    expect(field<HTMLSelectElement>(app, 'Language').value).to.equal('en-GB');
    const nav = queryDeep(app, 'nav');
    expect(nav.getAttribute('aria-label')).to.equal('Sections');
    expect(queryAllDeep(nav, 'a')).to.have.length(1);
    expect(queryDeep(nav, 'a').getAttribute('aria-current')).to.equal('page');
    await waitForText(view(app), 'Engaging with written feedback');
    await expect(app).to.be.accessible();
  });

  it('is accessible in dark mode', async () => {
    const app = await renderApp(html`<plc-app demo storage="memory" theme="dark"></plc-app>`);
    await waitForText(view(app), 'Engaging with written feedback');
    await expect(app).to.be.accessible();
  });

  it('does not seed without demo, and takes the person from the host', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const app = await renderApp(html`<plc-app .store=${store} person-id="p-dana"></plc-app>`);
    await waitForText(app, 'Signed in as Dana Okafor');
    expect(queryAllDeep(app, 'select#person')).to.have.length(0);
    await waitForText(view(app), 'Structured talk in mixed-attainment groups');
    const empty = await renderApp(html`<plc-app storage="memory"></plc-app>`, 'Not signed in');
    await waitForText(view(empty), 'Choose who you are to see your enquiries.');
    await expect(empty).to.be.accessible();
  });

  it('opens an enquiry from the list, keeps it in the URL hash, and goes back', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await click(button(app, 'Engaging with written feedback'));
    await waitForText(view(app), 'Start gathering evidence');
    expect(location.hash).to.equal('#/enquiry/enq-feedback');
    expect(queryAllDeep(app, 'plc-enquiry')).to.have.length(1);
    await waitFor(() => deepActiveElement()?.id === 'title', 4000, 'focus on the enquiry title');
    await expect(app).to.be.accessible();

    await click(button(app, 'Back to my enquiries'));
    await waitFor(() => queryAllDeep(app, 'plc-my-enquiries').length === 1);
    expect(location.hash).to.equal('#/');
    await waitFor(() => deepActiveElement()?.id === 'heading', 4000, 'focus on the list heading');

    // The browser's back button returns to the enquiry.
    history.back();
    await waitFor(() => queryAllDeep(app, 'plc-enquiry').length === 1, 4000, 'the enquiry after history.back()');
  });

  it('opens the enquiry in the hash when it loads, as after a reload', async () => {
    history.replaceState(null, '', '#/enquiry/enq-oracy');
    const app = await renderApp(html`<plc-app demo storage="memory"></plc-app>`, 'Structured talk in mixed-attainment groups');
    expect(queryAllDeep(app, 'plc-enquiry')).to.have.length(1);
  });

  it('switches person with the demo picker, and remembers the choice', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await chooseOption(field<HTMLSelectElement>(app, 'Signed in as'), 'Ivo Rossi');
    await waitForText(view(app), 'You have no enquiries in 2025-26 yet.');
    expect(JSON.parse(localStorage.getItem('plc-kit-demo')!).personId).to.equal('p-ivo');
    const again = await renderApp();
    expect(field<HTMLSelectElement>(again, 'Signed in as').value).to.equal('p-ivo');
  });

  it('starts a new enquiry from the list and lands on it', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await click(button(app, 'Start a new enquiry'));
    await waitFor(() => hasButton(app, 'Start the enquiry'));
    field(app, 'Title').focus();
    await press('KeyA');
    await click(button(app, 'Start the enquiry'));
    await waitFor(() => queryAllDeep(app, 'plc-enquiry').length === 1, 4000, 'the new enquiry');
    expect(location.hash).to.match(/^#\/enquiry\/enq-/);
    await waitForText(view(app), 'Driving question');
  });

  it('switches language with the picker', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await chooseOption(field<HTMLSelectElement>(app, 'Language'), 'Español');
    await waitForText(app, 'Mis indagaciones');
    expect(textOf(app)).to.contain('Has iniciado sesión como');
    expect(app.getAttribute('lang')).to.equal('es');
    await chooseOption(field<HTMLSelectElement>(app, /Idioma/), 'English (US)');
    await waitForText(app, 'My inquiries');
    await chooseOption(field<HTMLSelectElement>(app, 'Language'), 'English (UK)');
    await waitForText(app, 'My enquiries');
  });

  it('folds the navigation into a menu on a phone, with no sideways scrolling at 320px', async () => {
    await setViewport({ width: 320, height: 640 });
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    const menu = button(app, 'Menu');
    expect(getComputedStyle(menu).display).to.not.equal('none');
    expect(menu.getAttribute('aria-expanded')).to.equal('false');
    const nav = queryDeep<HTMLElement>(app, 'nav');
    expect(nav.getClientRects().length).to.equal(0);
    await tabTo(menu);
    await press('Enter');
    await waitFor(() => nav.getClientRects().length > 0, 2000, 'the open menu');
    expect(menu.getAttribute('aria-expanded')).to.equal('true');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    await expect(app).to.be.accessible();
    await press('Tab');
    await press('Escape');
    await waitFor(() => nav.getClientRects().length === 0, 2000, 'the menu to close');
    expect(deepActiveElement()).to.equal(menu);

    await click(button(app, 'Engaging with written feedback'));
    await waitForText(view(app), 'Start gathering evidence');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('shows the bar stacked, not folded, on a tablet', async () => {
    await setViewport({ width: 768, height: 1024 });
    const app = await renderApp();
    expect(getComputedStyle(button(app, 'Menu')).display).to.equal('none');
    expect(queryDeep<HTMLElement>(app, 'nav').getClientRects().length).to.be.greaterThan(0);
    expect(document.documentElement.scrollWidth).to.be.at.most(768);
  });
});
