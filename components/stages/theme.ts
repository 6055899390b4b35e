/** The built-in stage "theme": the enquiry's members choose the area of practice it is about. */
import { html } from 'lit';
import { fill, textOf } from '../shared/text.js';
import type { StagePanelContext, StageView } from './stage-view.js';
import { STAGE_LABELS } from './labels.js';

export const text = {
  chosen: { en: 'Theme:', es: 'Tema:' },
  membersOnly: { en: 'The enquiry’s members choose its theme.', 'en-US': 'The inquiry’s members choose its theme.', es: 'Los miembros de la indagación eligen su tema.' },
  legend: { en: 'Themes of {cycle}', es: 'Temas de {cycle}' },
  choose: { en: 'Choose this theme', es: 'Elegir este tema' },
  missing: { en: 'Choose one of the themes first.', es: 'Elige primero uno de los temas.' },
  locked: { en: 'Choose a theme first.', es: 'Elige primero un tema.' },
};

function panel({ state, session, current, allowed, busy, take, problem }: StagePanelContext) {
  const details = state.data.details;
  if (!current || details?.themeId) {
    const theme = details?.themeId ? (session.directory.themes.get(details.themeId)?.name ?? details.themeId) : '';
    return html`<p>${textOf(text.chosen)} <strong>${theme}</strong></p>`;
  }
  if (!allowed.has('theme.choose') || state.data.status !== 'active') return html`<p class="muted">${textOf(text.membersOnly)}</p>`;
  const cycle = details ? session.directory.cycles.get(details.cycleId) : undefined;
  const themes = (cycle?.themeIds ?? []).map((id) => session.directory.themes.get(id)).filter((t) => t !== undefined);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const themeId = new FormData(event.target as HTMLFormElement).get('theme');
    if (typeof themeId === 'string' && themeId) void take('theme.choose', { themeId });
    else problem(textOf(text.missing));
  };
  return html`<form class="themes" novalidate @submit=${submit}>
    <fieldset>
      <legend>${fill(text.legend, { cycle: cycle?.name ?? '' })}</legend>
      ${themes.map(
        (theme) => html`<div class="radio">
          <input type="radio" name="theme" id=${`theme-${theme.id}`} value=${theme.id} aria-describedby=${theme.description ? `theme-${theme.id}-hint` : ''} />
          <label for=${`theme-${theme.id}`}>
            ${theme.name} ${theme.description ? html`<span class="hint" id=${`theme-${theme.id}-hint`}>${theme.description}</span>` : ''}
          </label>
        </div>`,
      )}
    </fieldset>
    <button type="submit" class="primary" ?disabled=${busy}>${textOf(text.choose)}</button>
  </form>`;
}

export const themeStage: StageView = {
  id: 'theme',
  label: STAGE_LABELS.theme,
  guidance: {
    en: 'Choose the area of practice this enquiry is about.',
    'en-US': 'Choose the area of practice this inquiry is about.',
    es: 'Elige el ámbito de la práctica docente sobre el que trata esta indagación.',
  },
  advance: { type: 'theme.choose' },
  // Choosing a theme is what moves the enquiry on, so say that rather than a refusal of an empty choice.
  nextNote: () => ({ locked: true, text: textOf(text.locked) }),
  panel,
};
