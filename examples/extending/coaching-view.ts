/**
 * Extension point, in the components: how `<plc-enquiry>` shows the coaching stage from
 * coaching-stage.ts. The description names the stage in each language, says what to do in it,
 * names the step that moves on (`coaching.complete`, offered as a button; the stepper shows the
 * guard's reason while it would be refused), says how the history tells its events, and draws
 * the stage's panel: the sessions recorded so far and a form that records one through the
 * enquiry view's own step-taking.
 *
 * ```html
 * <plc-provider .lifecycle=${coachingLifecycle} .stageViews=${[coachingView]}>
 *   <plc-enquiry enquiry-id="enq-1"></plc-enquiry>
 * </plc-provider>
 * ```
 *
 * Without a description the stage is named from its id and its panel is the enquiry view's
 * `stage-coaching` slot, for the host page to fill.
 */
import { html, nothing } from 'lit';
// In an application: `from 'plc-kit/components/plc-provider.js'` and `'plc-kit/components/plc-enquiry.js'`.
import { textOf } from '../../components/plc-provider/index.js';
import type { StagePanelContext, StageView } from '../../components/plc-enquiry/index.js';
import { coachingOf } from './coaching-stage.js';

/** The words the panel uses, in each language (exported, so a test can check none is missing). */
export const coachingText = {
  sessions: { en: 'Coaching sessions', es: 'Sesiones de acompañamiento' },
  none: { en: 'No coaching session recorded yet.', es: 'Aún no hay sesiones de acompañamiento.' },
  date: { en: 'Date of the session', es: 'Fecha de la sesión' },
  notes: { en: 'What was planned', es: 'Qué se planificó' },
  record: { en: 'Record the session', es: 'Registrar la sesión' },
  missing: { en: 'Give the date and what was planned.', es: 'Indica la fecha y qué se planificó.' },
};

function panel({ state, session, current, allowed, busy, take, problem }: StagePanelContext) {
  const sessions = coachingOf(state.data).sessions;
  const record = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const date = String(data.get('date') ?? '');
    const notes = String(data.get('notes') ?? '').trim();
    if (!date || !notes) return problem(textOf(coachingText.missing));
    void take('coaching.session', { coachId: session.person?.id ?? '', date, notes }).then((taken) => taken && form.reset());
  };
  return html`<h4>${textOf(coachingText.sessions)}</h4>
    ${sessions.length
      ? html`<ul>
          ${sessions.map((s) => html`<li><time datetime=${s.date}>${s.date}</time>: ${s.notes}</li>`)}
        </ul>`
      : html`<p class="muted">${textOf(coachingText.none)}</p>`}
    ${current && allowed.has('coaching.session')
      ? html`<form novalidate @submit=${record}>
          <div class="field">
            <label for="coaching-date">${textOf(coachingText.date)}</label>
            <input id="coaching-date" name="date" type="date" />
          </div>
          <div class="field">
            <label for="coaching-notes">${textOf(coachingText.notes)}</label>
            <textarea id="coaching-notes" name="notes"></textarea>
          </div>
          <button type="submit" ?disabled=${busy}>${textOf(coachingText.record)}</button>
        </form>`
      : nothing}`;
}

export const coachingView: StageView = {
  id: 'coaching',
  label: { en: 'Coaching', es: 'Acompañamiento' },
  guidance: {
    en: 'Meet your coach to plan the actions before anyone is observed.',
    es: 'Reuníos con la persona que os acompaña para planificar las acciones antes de las observaciones.',
  },
  advance: { type: 'coaching.complete', label: { en: 'Coaching done: move to observation', es: 'Acompañamiento hecho: pasar a la observación' }, primary: true },
  history: {
    'coaching.session': { en: '{who} recorded a coaching session', es: '{who} registró una sesión de acompañamiento' },
    'coaching.complete': { en: '{who} finished coaching', es: '{who} terminó el acompañamiento' },
  },
  panel,
};
