import { defineElement } from '../define-element.js';
import { PlcProvider } from './plc-provider.js';

export { PlcProvider };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcErrorEvent } from '../events/error.js';
export { PlcSyncStatusEvent } from '../events/sync-status.js';
// The words of an integrator's stage and evidence-kind descriptions, in the active language.
export { fill, textOf, type Text } from '../shared/text.js';
defineElement('plc-provider', PlcProvider);

declare global {
  interface HTMLElementTagNameMap {
    'plc-provider': PlcProvider;
  }
}
