/**
 * plc-app before there is anything to show (components/plc-app/first-run.ts): an empty store says
 * what to configure and lets an administrator start the programme; an unknown person-id gets a
 * placeholder, never someone else's place; the demo's picker never shows someone else selected.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-app/index.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { button, click, field, textOf, typeInto } from '../support/component-harness.js';
import { navNames, waitFor, waitForText } from '../support/app-harness.js';

async function renderApp(template: ReturnType<typeof html>, wait: string | RegExp) {
  const app = await fixture<PlcApp>(template);
  await app.ready;
  await waitForText(app, wait, 8000);
  return app;
}

describe('plc-app first run', function () {
  this.timeout(30000);

  it('on an empty store says what to configure: who is signed in, the server, the demo', async () => {
    const app = await renderApp(html`<plc-app storage="memory" routing="none" lang="en-GB"></plc-app>`, 'Set up plc-kit');
    const text = textOf(app);
    for (const setting of ['person-id', 'server', 'demo']) expect(text).to.contain(setting);
    expect(text).to.not.contain('Choose who you are');
    await expect(app).to.be.accessible();
  });

  it('lets an administrator start the programme: errors name each field, then Admin opens for them', async () => {
    const app = await renderApp(html`<plc-app storage="memory" routing="none" lang="en-GB"></plc-app>`, 'Set up plc-kit');
    await click(button(app, 'Create the school and open Admin'));
    await waitForText(app, 'Enter the school’s name.');
    expect(textOf(app)).to.contain('Enter your name.');
    expect(field(app, 'School').getAttribute('aria-invalid')).to.equal('true');
    await typeInto(field(app, 'School'), 'Northgate Academy');
    await typeInto(field(app, 'Your name'), 'Lea Martin');
    await click(button(app, 'Create the school and open Admin'));
    await waitFor(() => Boolean(app.shadowRoot!.querySelector('plc-cycle-admin')), 8000, 'the admin view');
    expect(app.personId).to.equal('p-lea-martin');
    expect(navNames(app)).to.include('Admin');
    await waitForText(app, 'Lea Martin');
    expect(textOf(app)).to.contain('Northgate Academy');
  });

  it('never takes over a store that already has people', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const app = await renderApp(html`<plc-app .store=${store} routing="none" lang="en-GB"></plc-app>`, 'Not signed in');
    expect(textOf(app)).to.not.contain('Set up plc-kit');
    expect(textOf(app)).to.contain('person-id');
  });

  it('shows a placeholder for a person-id the directory does not know, and no one else', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const app = await renderApp(html`<plc-app .store=${store} person-id="p-nobody" routing="none" lang="en-GB"></plc-app>`, 'Not in this school’s directory');
    expect(textOf(app)).to.contain('“p-nobody”');
    expect(app.shadowRoot!.querySelector('plc-my-enquiries')).to.equal(null);
    await expect(app).to.be.accessible();
  });

  it('in the demo, an unknown person shows “Choose a person”, not someone else selected', async () => {
    const app = await renderApp(html`<plc-app demo storage="memory" person-id="p-nobody" routing="none" lang="en-GB"></plc-app>`, 'Choose a person');
    const select = app.shadowRoot!.querySelector<HTMLSelectElement>('#person')!;
    await waitFor(() => select.options.length > 2, 8000, 'the demo people');
    expect(select.selectedOptions[0]!.textContent!.trim()).to.equal('Choose a person');
  });
});
