import { defineElement } from '../define-element.js';
import { PlcProvider } from './plc-provider.js';

export { PlcProvider };
defineElement('plc-provider', PlcProvider);

declare global {
  interface HTMLElementTagNameMap {
    'plc-provider': PlcProvider;
  }
}
