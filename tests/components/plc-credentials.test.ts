import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-credentials/index.js';
import type { PlcCredentials } from '../../components/plc-credentials/plc-credentials.js';
import type { PlcDownloadEvent } from '../../components/events/download.js';
import { button, click, deepActiveElement, press, queryAllDeep, renderWithSession, settle, tabTo, textOf } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';
import { accessibleInBothThemes, badgeServer, connectBadgeServer, CREDENTIALS } from '../support/badge-server.js';


describe('plc-credentials', () => {
  let server: ReturnType<typeof badgeServer>;
  beforeEach(() => (server = badgeServer()));
  afterEach(() => server.restore());

  it('says badges come from the server on the embedded default, and asks nothing', async () => {
    const { element, provider } = await renderWithSession<PlcCredentials>(html`<plc-credentials></plc-credentials>`, { personId: 'p-beth' });
    expect(textOf(element)).to.contain('Badges are signed by your trust on the plc-kit server');
    expect(server.state.asked).to.deep.equal([]);
    await accessibleInBothThemes(element, provider);
  });

  it("lists the person's badges and downloads one as its signed file with a real click", async () => {
    const { element, provider } = await renderWithSession<PlcCredentials>(html`<plc-credentials></plc-credentials>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await element.loaded;
    await waitForText(element, 'Engaging with written feedback');
    expect(server.state.asked).to.deep.equal(['GET /v1/credentials']);
    expect(server.state.tokens).to.deep.equal(['Bearer token-for-beth']);
    expect(queryAllDeep(element, '[part="badge"]').map((li) => textOf(li))).to.deep.equal([
      'Engaging with written feedback Published a professional enquiry, 20 Jun 2027 Download The badge for Engaging with written feedback, as an Open Badges file (JSON)',
      'Structured talk Published a professional enquiry, 18 Jun 2026 Download The badge for Structured talk, as an Open Badges file (JSON)',
    ]);
    await accessibleInBothThemes(element, provider);

    const saved: PlcDownloadEvent[] = [];
    element.addEventListener('plc-download', (e) => {
      saved.push(e as PlcDownloadEvent);
      e.preventDefault();
    });
    const [, second] = queryAllDeep(element, '[part="badge"]');
    await click(button(second!, 'Download'));
    for (let i = 0; i < 50 && !saved.length; i += 1) await settle(element);
    expect(saved.map((e) => e.fileName)).to.deep.equal([`open-badge-${CREDENTIALS[1]!.id}.json`]);
    expect(saved[0]!.mediaType).to.equal('application/json');
    const file = JSON.parse(saved[0]!.content);
    expect(file.type).to.deep.equal(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(file.id).to.equal(`urn:uuid:${CREDENTIALS[1]!.id}`);
    expect(server.state.asked).to.include(`GET /v1/credentials/${CREDENTIALS[1]!.id}`);
  });

  it('is keyboard-complete: Tab reaches each Download button and Enter downloads', async () => {
    const { element, provider } = await renderWithSession<PlcCredentials>(html`<plc-credentials></plc-credentials>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await waitForText(element, 'Structured talk');
    const saved: string[] = [];
    element.addEventListener('plc-download', (e) => {
      saved.push((e as PlcDownloadEvent).fileName);
      e.preventDefault();
    });
    const first = button(queryAllDeep(element, '[part="badge"]')[0]!, 'Download');
    await tabTo(first);
    expect(deepActiveElement()).to.equal(first);
    await press('Enter');
    for (let i = 0; i < 50 && !saved.length; i += 1) await settle(element);
    expect(saved).to.deep.equal([`open-badge-${CREDENTIALS[0]!.id}.json`]);
    element.focusHeading();
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Badges');
  });

  it('shows the empty state, a refused download, and says so when offline, then tries again', async () => {
    server.state.credentials = [];
    const { element, provider } = await renderWithSession<PlcCredentials>(html`<plc-credentials></plc-credentials>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await waitForText(element, 'No badges yet.');
    await accessibleInBothThemes(element, provider);

    server.state.credentials = [...CREDENTIALS];
    server.state.failDownload = true;
    await element.refresh();
    await waitForText(element, 'Structured talk');
    await click(button(queryAllDeep(element, '[part="badge"]')[0]!, 'Download'));
    await waitForText(element, 'The badge could not be downloaded: Something went wrong on the server');
    await accessibleInBothThemes(element, provider);

    server.state.down = true;
    const errors: string[] = [];
    element.addEventListener('plc-error', (e) => errors.push((e as Event & { message: string }).message));
    await element.refresh();
    await waitForText(element, /You are offline|could not be loaded/);
    expect(errors.length).to.equal(1);
    await accessibleInBothThemes(element, provider);
    server.state.down = false;
    await click(button(element, 'Try again'));
    await waitForText(element, 'Engaging with written feedback');
  });

  it("shows another person's badges only to whom the server allows, and says why not", async () => {
    const { element, provider } = await renderWithSession<PlcCredentials>(html`<plc-credentials person-id="p-amir"></plc-credentials>`, { personId: 'p-beth' });
    await connectBadgeServer(provider);
    await waitForText(element, 'only they and CPD leaders can read it');
    expect(server.state.asked).to.deep.equal(['GET /v1/credentials?personId=p-amir']);
  });

  it('speaks Spanish', async () => {
    const { element, provider } = await renderWithSession<PlcCredentials>(html`<plc-credentials></plc-credentials>`, { personId: 'p-beth', lang: 'es' });
    await connectBadgeServer(provider);
    await waitForText(element, 'Publicó una indagación profesional');
    expect(textOf(element)).to.contain('Insignias');
    expect(textOf(button(element, 'Descargar'))).to.equal('Descargar');
  });
});
