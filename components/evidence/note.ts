/** The built-in evidence kind "note": a written note. */
import { foldText } from '../shared/fold.js';
import type { EvidenceKindView } from './evidence-view.js';

export const noteView: EvidenceKindView = {
  kind: 'note',
  label: { en: 'Note', es: 'Nota' },
  form: [{ name: 'text', label: { en: 'Note', es: 'Nota' }, type: 'long-text', required: true, maxLength: 10_000 }],
  render: (item) => foldText(String(item['text'] ?? '')),
};
