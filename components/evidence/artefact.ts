/** The built-in evidence kind "artefact": a link to work, a resource or a photo, with a caption. */
import { html, nothing } from 'lit';
import type { EvidenceKindView } from './evidence-view.js';

/** A link is clickable only when it is http(s). */
function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const artefactView: EvidenceKindView = {
  kind: 'artefact',
  label: { en: 'Artefact', 'en-US': 'Artifact', es: 'Muestra de trabajo' },
  form: [
    {
      name: 'url',
      label: { en: 'Link', es: 'Enlace' },
      type: 'url',
      required: true,
      maxLength: 2000,
      hint: {
        en: 'A web address starting with https:// (a shared document, a photo, a resource).',
        es: 'Una dirección web que empiece por https:// (un documento compartido, una foto, un recurso).',
      },
      invalid: { en: 'Enter a web address that starts with http:// or https://.', es: 'Escribe una dirección web que empiece por http:// o https://.' },
    },
    { name: 'caption', label: { en: 'Caption', es: 'Descripción' } },
  ],
  // The schema's caption is a string, empty when none was given.
  toPayload: (item) => ({ caption: '', ...item }),
  render: (item) => {
    const href = safeHref(item['url']);
    const caption = String(item['caption'] ?? '');
    return html`<p>
        ${href
          ? html`<a class="artefact-link" href=${href} target="_blank" rel="noopener noreferrer">${href}</a>`
          : html`<span class="artefact-link">${String(item['url'] ?? '')}</span>`}
      </p>
      ${caption ? html`<p>${caption}</p>` : nothing}`;
  },
};
