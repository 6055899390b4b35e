/**
 * The enquiry view with the keyboard alone, inside the app: open an enquiry from the list, look
 * at an earlier stage through the stepper, record an observation, start gathering evidence, and
 * pause and resume, with real Tab, Shift+Tab, Enter, Space and arrow keys and no clicks. After
 * the stage changes, focus must be on the new stage's heading.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/define.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import { button, deepActiveElement, field, press, queryDeep, tabTo, textOf } from '../support/component-harness.js';
import { shiftTabTo, waitFor, waitForElement, waitForText } from '../support/app-harness.js';

describe('the enquiry lifecycle with the keyboard alone', () => {
  it('moves an enquiry on with Tab, Enter and Space, and focus follows the stage', async function () {
    this.timeout(60_000);
    const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id="p-beth" routing="none"></plc-app>`);
    await app.ready;
    await waitForText(app, 'Engaging with written feedback');

    // Open the enquiry from the list.
    await tabTo(button(app, 'Engaging with written feedback'));
    await press('Enter');
    const enquiry = await waitForElement(app, 'plc-enquiry');
    await waitFor(() => deepActiveElement()?.id === 'title', 4000, 'focus on the enquiry title');
    const heading = () => enquiry.shadowRoot!.querySelector<HTMLElement>('#stage-heading')!;

    // The stepper: look at the driving question, then come back to the current stage.
    await tabTo(button(enquiry, /^Driving question/));
    await press('Enter');
    await waitFor(() => heading().textContent!.includes('(earlier stage)'), 4000, 'the earlier stage');
    expect(deepActiveElement()).to.equal(heading());
    await tabTo(button(enquiry, 'Back to the current stage: Observation'));
    await press('Space');
    await waitFor(() => !heading().textContent!.includes('(earlier stage)'), 4000, 'the current stage');
    expect(deepActiveElement()).to.equal(heading());

    // The locked action says why; then an observation is recorded with the keyboard.
    const start = button(enquiry, 'Start gathering evidence');
    expect(start.getAttribute('aria-disabled')).to.equal('true');
    const form = await waitForElement(enquiry, 'plc-observation-form');
    await waitFor(() => textOf(form).includes('Save observation'), 4000, 'the observation form');
    const colleague = field<HTMLSelectElement>(form, 'Colleague observed');
    await tabTo(colleague);
    while (!colleague.selectedOptions[0]?.text.startsWith('Chen Li')) await press('ArrowDown');
    await tabTo(field(form, 'Class'));
    await press('KeyA');
    await tabTo(button(form, 'Save observation'));
    await press('Enter');
    await waitForText(enquiry, 'Beth Evans recorded an observation of Chen Li');
    await waitFor(() => start.getAttribute('aria-disabled') === 'false', 4000, 'the action to unlock');

    // Back up to the action and press Space: the stage moves and focus lands on its heading.
    await shiftTabTo(start);
    await press('Space');
    await waitFor(() => heading().textContent!.includes('Evidence'), 4000, 'the evidence stage');
    await waitFor(() => deepActiveElement() === heading(), 2000, 'focus on the new stage heading');
    expect(textOf(enquiry.shadowRoot!.querySelector('[aria-live]')!)).to.contain('Stage now: Evidence');
    expect(enquiry.shadowRoot!.querySelector('li.step[aria-current="step"]')!.textContent).to.contain('Evidence');

    // Pause and resume with Enter: focus moves to the action that replaced the pressed one.
    await shiftTabTo(button(enquiry, 'Pause'));
    await press('Enter');
    await waitFor(() => deepActiveElement()?.textContent?.trim() === 'Resume', 4000, 'focus on Resume');
    await press('Enter');
    await waitFor(() => deepActiveElement()?.textContent?.trim() === 'Pause', 4000, 'focus on Pause');
    expect(queryDeep(app, 'plc-enquiry')).to.equal(enquiry);
  });
});
