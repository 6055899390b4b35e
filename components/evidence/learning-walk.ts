/** The built-in evidence kind "learning walk": lessons visited and lessons showing the focus. */
import { html } from 'lit';
import { formatNumber, formatPercent } from '../localization.js';
import { fill, textOf } from '../shared/text.js';
import type { EvidenceKindView } from './evidence-view.js';

export const text = {
  result: { en: '{showing} of {visited} lessons ({share})', es: '{showing} de {visited} clases ({share})' },
  focus: { en: 'Focus: {focus}', es: 'Foco: {focus}' },
  tooMany: { en: 'This cannot be more than the lessons visited.', es: 'No puede ser mayor que las clases visitadas.' },
};

export const learningWalkView: EvidenceKindView = {
  kind: 'learning-walk',
  label: { en: 'Learning walk', es: 'Ronda de observación' },
  form: [
    { name: 'focus', label: { en: 'Focus of the walk', es: 'Foco de la ronda de observación' }, required: true },
    {
      fields: [
        { name: 'lessonsVisited', label: { en: 'Lessons visited', es: 'Clases visitadas' }, type: 'number', numbers: 'positive', required: true },
        { name: 'lessonsShowingFocus', label: { en: 'Lessons showing the focus', es: 'Clases en las que se vio el foco' }, type: 'number', numbers: 'whole', required: true },
      ],
    },
  ],
  check: (item) => (Number(item['lessonsShowingFocus']) > Number(item['lessonsVisited']) ? { lessonsShowingFocus: textOf(text.tooMany) } : {}),
  render: (item) => {
    const visited = Number(item['lessonsVisited']) || 0;
    const showing = Number(item['lessonsShowingFocus']) || 0;
    const share = formatPercent(visited ? showing / visited : 0);
    return html`<p class="big">${fill(text.result, { showing: formatNumber(showing), visited: formatNumber(visited), share })}</p>
      <p>${fill(text.focus, { focus: String(item['focus'] ?? '') })}</p>`;
  },
};
