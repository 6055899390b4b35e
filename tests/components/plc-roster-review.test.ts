import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-roster-review/index.js';
import type { PlcRosterReview } from '../../components/plc-roster-review/plc-roster-review.js';
import type { PlcRosterAppliedEvent } from '../../components/events/roster-applied.js';
import { reconcileRoster, type RosterEntry, type RosterLink, type RosterPerson } from '../../src/roster/reconcile.js';
import { readOneRoster } from '../../src/roster/oneRoster.js';
import type { ApplyResult, PreviewRequest, RosterPreview, RosterService } from '../../src/roster/client.js';
import { button, click, deepActiveElement, field, press, queryAllDeep, renderWithSession, settle, tabTo, textOf } from '../support/component-harness.js';
import { waitFor, waitForText } from '../support/app-harness.js';

const person = (id: string, name: string, extra: Partial<RosterPerson> = {}): RosterPerson => ({ schemaVersion: 1, id, name, email: `${id.slice(2)}@school.example`, schoolId: 'sch-1', roles: ['teacher'], ...extra });

/**
 * A roster service on the real reconcile step over an in-memory directory: what the server does
 * with a course's members, without the network.
 */
function fakeService(members: RosterEntry[]) {
  const people = [person('p-ana', 'Ana Adeyemi'), person('p-ben', 'Ben Brook'), person('p-cara', 'Cara Cole')];
  const links: RosterLink[] = [{ externalId: 'u-ana', personId: 'p-ana' }, { externalId: 'u-cara', personId: 'p-cara' }];
  const calls: { previews: PreviewRequest[]; applied: Array<{ planId: string; skip: readonly string[] }> } = { previews: [], applied: [] };
  const service: RosterService = {
    courses: async () => [
      { platformId: 'vle', platformName: 'Moodle', contextId: 'staffroom', title: 'Staff room', readable: true },
      { platformId: 'vle', platformName: 'Moodle', contextId: 'maths', title: 'Maths', readable: false },
    ],
    async preview(request) {
      calls.previews.push(request);
      const entries = request.source === 'lti' ? members : readOneRoster(request.files, [{ schemaVersion: 1, id: 'sch-1', name: 'North' }], '2026-09-01').entries;
      const plan = reconcileRoster({ source: 'test', people, links, entries, today: '2026-09-01', defaultSchoolId: 'sch-1', newId: (e) => `p-${e.externalId}` });
      return { planId: 'rp-1', expiresAt: '2026-09-01T10:00:00Z', plan, fileProblems: [], skipped: 1 } satisfies RosterPreview;
    },
    async apply(planId, skip) {
      calls.applied.push({ planId, skip });
      return [{ externalId: 'u-dan', personId: 'p-u-dan', kind: 'joiner', status: 'applied' }, { externalId: 'u-cara', personId: 'p-cara', kind: 'leaver', status: 'skipped' }] satisfies ApplyResult[];
    },
  };
  return { service, calls };
}

const MEMBERS: RosterEntry[] = [
  { externalId: 'u-ana', name: 'Ana Adeyemi-Smith', email: 'ana@school.example', roles: ['teacher'], active: true },
  { externalId: 'u-dan', name: 'Dan Dale', email: 'dan@school.example', roles: ['teacher', 'coach'], active: true },
];

async function render(service: RosterService, lang = 'en-GB') {
  const { element } = await renderWithSession<PlcRosterReview>(html`<plc-roster-review .service=${service}></plc-roster-review>`, { personId: 'p-amir', lang });
  await waitFor(() => queryAllDeep(element, 'option').length > 0, 4000, 'the courses');
  await settle(element);
  return element;
}

describe('plc-roster-review', () => {
  it('previews joiners, movers and leavers from a VLE course and applies only the ticked ones, by keyboard', async () => {
    const { service, calls } = fakeService(MEMBERS);
    const element = await render(service);
    await expect(element).to.be.accessible();
    const course = field<HTMLSelectElement>(element, 'Course');
    expect([...course.options].map((o) => o.textContent?.trim())).to.deep.equal(['Staff room · Moodle'], 'only courses whose VLE offers Names and Roles');
    await click(button(element, 'Preview changes'));
    await waitForText(element, 'Changes to the staff list');
    expect(calls.previews).to.deep.equal([{ source: 'lti', platformId: 'vle', contextId: 'staffroom' }]);
    expect(deepActiveElement()?.id).to.equal('preview-heading', 'focus moves to the changes');
    const text = textOf(element);
    expect(text).to.contain('1 joining, 1 changing, 1 leaving; 0 unchanged.');
    expect(text).to.contain('Dan Dale · dan@school.example');
    expect(text).to.contain('name: Ana Adeyemi → Ana Adeyemi-Smith');
    expect(text).to.contain('leaves on 2026-09-01: no longer in this roster. Their work stays.');
    await expect(element).to.be.accessible();

    const boxes = queryAllDeep<HTMLInputElement>(element, 'ul.changes input[type=checkbox]');
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, true, true], 'every change is ticked to begin with');
    await tabTo(boxes[2]!);
    await press('Space');
    await settle(element);
    expect(textOf(button(element, 'Apply'))).to.equal('Apply 2 changes');
    await tabTo(button(element, 'Apply'));
    const applied = oneEvent(element, 'plc-roster-applied') as unknown as Promise<PlcRosterAppliedEvent>;
    await press('Enter');
    expect((await applied).results.map((r) => r.status)).to.deep.equal(['applied', 'skipped']);
    await waitForText(element, '1 changes made, 1 left out.');
    expect(calls.applied).to.deep.equal([{ planId: 'rp-1', skip: ['u-cara'] }], 'the unticked leaver is left out');
    await expect(element).to.be.accessible();
  });

  it('asks for users.csv before previewing a OneRoster export, then reads the files chosen', async () => {
    const { service, calls } = fakeService([]);
    const element = await render(service);
    await click(field(element, 'A OneRoster export'));
    await settle(element);
    await click(button(element, 'Preview changes'));
    await waitForText(element, 'Choose the users.csv file of the export.');
    expect(deepActiveElement()?.id).to.equal('file-users');
    const users = field<HTMLInputElement>(element, 'users.csv');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['sourcedId,status,givenName,familyName,email,role\nt-9,active,Eve,Evans,eve@school.example,teacher'], 'users.csv', { type: 'text/csv' }));
    users.files = transfer.files;
    users.dispatchEvent(new Event('change'));
    await waitFor(() => true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await click(button(element, 'Preview changes'));
    await waitForText(element, 'Eve Evans');
    expect(calls.previews[0]?.source).to.equal('oneroster');
    await expect(element).to.be.accessible();
  });

  it('speaks Spanish, and says what went wrong when the server refuses', async () => {
    const { service } = fakeService(MEMBERS);
    const failing: RosterService = { ...service, preview: () => Promise.reject(new Error('The VLE answered 401 for the course’s members.')) };
    const element = await render(failing, 'es');
    await waitForText(element, 'Plantilla de personal');
    await click(button(element, 'Previsualizar cambios'));
    await waitForText(element, 'The VLE answered 401');
    expect(queryAllDeep(element, '[role=alert]').length).to.equal(1);
    await expect(element).to.be.accessible();
  });

  it('says it needs a server without one', async () => {
    const { element } = await renderWithSession<PlcRosterReview>(html`<plc-roster-review></plc-roster-review>`);
    expect(textOf(element)).to.contain('needs the plc-kit server');
  });
});
