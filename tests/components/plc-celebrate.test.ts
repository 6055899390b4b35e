import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { resetMouse } from '@web/test-runner-commands';
import '../../components/plc-celebrate/index.js';
import type { PlcCelebrate } from '../../components/plc-celebrate/plc-celebrate.js';
import { button, click, deepActiveElement, press, queryDeep, renderWithSession, settle, tabTo, textOf } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';
import { accessibleInBothThemes, badgeServer, connectBadgeServer } from '../support/badge-server.js';

const slideText = (element: Element) => textOf(queryDeep(element, '[part="slide"]'));

describe('plc-celebrate', () => {
  let server: ReturnType<typeof badgeServer>;
  beforeEach(() => (server = badgeServer()));
  afterEach(() => server.restore());

  it('says the celebrations come from the server on the embedded default', async () => {
    const { element, provider } = await renderWithSession<PlcCelebrate>(html`<plc-celebrate></plc-celebrate>`, { personId: 'p-beth' });
    expect(textOf(element)).to.contain('The celebrations come from the plc-kit server');
    expect(server.state.asked).to.deep.equal([]);
    await accessibleInBothThemes(element, provider);
  });

  it('shows the newest published enquiry, its members and their badge, in large type, and steps on with real clicks', async () => {
    const { element, provider } = await renderWithSession<PlcCelebrate>(html`<plc-celebrate interval="0" limit="3"></plc-celebrate>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await waitForText(element, 'Engaging with written feedback');
    expect(server.state.asked).to.deep.equal(['GET /v1/celebrate?limit=3']);
    expect(slideText(element)).to.equal('Published 20 Jun 2027 Engaging with written feedback Group enquiry · 2026-27 Earned the badge “Published a professional enquiry”: Amir Haddad Beth Okafor');
    const title = queryDeep<HTMLElement>(element, '.title');
    expect(parseFloat(getComputedStyle(title).fontSize)).to.be.at.least(28, 'large type for a screen across the room');
    await accessibleInBothThemes(element, provider);

    await click(button(element, 'Next'));
    await settle(element);
    expect(slideText(element)).to.contain('Structured talk').and.to.contain('Individual project').and.to.contain('Gus Lee');
    await click(button(element, 'Previous'));
    await click(button(element, 'Previous'));
    await settle(element);
    expect(slideText(element)).to.contain('Calm starts');
    expect(textOf(element)).not.to.contain('Pause', 'no rotation, nothing to pause');
  });

  it('rotates on its own, stops while focused and for good with Pause, and the arrow keys step', async () => {
    // The pointer resting on the screen holds it: start with the pointer away.
    await resetMouse();
    const { element, provider } = await renderWithSession<PlcCelebrate>(html`<plc-celebrate interval="0.2"></plc-celebrate>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await waitForText(element, 'Engaging with written feedback');
    await waitForText(queryDeep(element, '[part="slide"]'), 'Structured talk');
    const pause = button(element, 'Pause');
    await tabTo(pause);
    await press('Enter');
    await settle(element);
    expect(pause.getAttribute('aria-pressed')).to.equal('true');
    (deepActiveElement() as HTMLElement).blur();
    const shown = slideText(element);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(slideText(element), 'paused').to.equal(shown);
    button(element, 'Next').focus();
    await press('ArrowRight');
    await settle(element);
    expect(slideText(element)).not.to.equal(shown);
    await press('ArrowLeft');
    await settle(element);
    expect(slideText(element)).to.equal(shown);
    await accessibleInBothThemes(element, provider);
  });

  it('shows the empty state, and says so when offline, then tries again', async () => {
    server.state.celebrations = [];
    const { element, provider } = await renderWithSession<PlcCelebrate>(html`<plc-celebrate></plc-celebrate>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await waitForText(element, 'No enquiries published yet.');
    await accessibleInBothThemes(element, provider);
    server.state.celebrations = [...server.state.celebrations];
    server.state.down = true;
    await element.refresh();
    await waitForText(element, /Offline|could not be loaded/);
    await accessibleInBothThemes(element, provider);
    server.state.down = false;
    await click(button(element, 'Try again'));
    await waitForText(element, 'No enquiries published yet.');
    element.focusHeading();
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Celebrating our enquiries');
  });

  it('speaks Spanish', async () => {
    const { element, provider } = await renderWithSession<PlcCelebrate>(html`<plc-celebrate interval="0"></plc-celebrate>`, { personId: 'p-beth', lang: 'es' });
    await connectBadgeServer(provider);
    await waitForText(element, 'Celebramos nuestras indagaciones');
    await waitForText(element, 'Indagación en grupo');
    expect(textOf(element)).to.contain('Ganaron la insignia');
  });
});
