/**
 * The deep-linking picker (Deep Linking 2.0): a teacher chooses what a course's link opens (their
 * own enquiries, a community's board, a cycle's booklet) or a published outcome to show in the
 * course as HTML, and the page that posts the signed choice back to the VLE. Server-rendered
 * forms: no script is needed to choose.
 * @module
 */
import type { Queryable } from '../db.js';
import { pageText, type PageLocale, type PageTextId } from '../signin/pageText.js';
import { escapeHtml, htmlPage } from '../signin/pages.js';
import type { ResourceLinkItem } from './services.js';
import { isId } from '../auth.js';


async function named(q: Queryable, trustId: string, collection: 'communities' | 'cycles'): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await q.query<{ id: string; name: string }>(
    `SELECT id, data->>'name' AS name FROM records WHERE trust_id = $1 AND collection = $2 AND NOT deleted ORDER BY data->>'name', id`,
    [trustId, collection],
  );
  return rows;
}

/**
 * The picker page for a deep-linking request. `outcomes` are the published outcomes that may go
 * to a VLE (published with the VLE among their audiences): each is placed as HTML, its snippet.
 */
export async function pickerPage(q: Queryable, trustId: string, locale: PageLocale, ticket: string, outcomes: ReadonlyArray<{ id: string; name: string }> = []): Promise<string> {
  const t = (id: PageTextId) => escapeHtml(pageText(locale, id));
  const [communities, cycles] = await Promise.all([named(q, trustId, 'communities'), named(q, trustId, 'cycles')]);
  const option = (value: string, label: string, checked = false) =>
    `<label><input type="radio" name="choice" value="${escapeHtml(value)}"${checked ? ' checked' : ''} required> ${escapeHtml(label)}</label>`;
  const group = (legend: PageTextId, items: string[]) => `<fieldset><legend>${t(legend)}</legend>${items.length ? items.join('\n') : `<p class="muted">${t('picker.none')}</p>`}</fieldset>`;
  return htmlPage({
    locale,
    title: pageText(locale, 'title.picker'),
    assets: './assets/',
    body: `<main>
<h1>${t('title.picker')}</h1>
<p>${t('picker.intro')}</p>
<form method="post" action="./deep-link">
<input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
<fieldset><legend>${t('picker.my-enquiries')}</legend>${option('my-enquiries', pageText(locale, 'picker.my-enquiries'), true)}</fieldset>
${group('picker.board', communities.map((c) => option(`board:${c.id}`, c.name)))}
${group('picker.booklet', cycles.map((c) => option(`booklet:${c.id}`, c.name)))}
${group('picker.outcome', outcomes.map((o) => option(`outcome:${o.id}`, o.name)))}
<p><label for="title">${t('picker.title')}</label><input type="text" id="title" name="title" maxlength="120" placeholder="plc-kit"></p>
<p><button type="submit">${t('picker.submit')}</button><button type="submit" class="secondary" name="choice" value="none" formnovalidate>${t('picker.cancel')}</button></p>
</form>
</main>`,
  });
}

/** The content item for a picker choice (`my-enquiries`, `board:<community>`, `booklet:<cycle>`), or undefined when it is not one. */
export function pickerItem(choice: string | undefined, title: string | undefined, launchUrl: string): ResourceLinkItem | undefined {
  const [kind, id] = (choice ?? '').split(':');
  const name = (title ?? '').trim().slice(0, 120) || 'plc-kit';
  if (kind === 'my-enquiries' && id === undefined) return { type: 'ltiResourceLink', title: name, url: launchUrl, custom: { plc_view: 'my-enquiries' } };
  if (!id || !isId(id)) return undefined;
  if (kind === 'board') return { type: 'ltiResourceLink', title: name, url: launchUrl, custom: { plc_view: 'board', plc_community: id } };
  if (kind === 'booklet') return { type: 'ltiResourceLink', title: name, url: launchUrl, custom: { plc_view: 'booklet', plc_cycle: id } };
  return undefined;
}

/** The page that posts the signed response to the VLE's return URL (at once with script, or by its button). */
export function returnPage(locale: PageLocale, returnUrl: string, jwt: string): string {
  return htmlPage({
    locale,
    title: pageText(locale, 'title.picker'),
    assets: './assets/',
    scripts: ['submit.js'],
    body: `<main><form method="post" action="${escapeHtml(returnUrl)}" data-autosubmit>
<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<button type="submit">${escapeHtml(pageText(locale, 'picker.submit'))}</button>
</form></main>`,
  });
}
