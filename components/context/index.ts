/**
 * What an integrator needs to write an element of their own that works inside `<plc-provider>`
 * (or `<plc-app>`), and to give plc-kit's embed frames a sign-in token (`plc-kit/context.js`):
 *
 * - `sessionContext` and `PlcSession`: the session the provider gives every element below it
 *   (store, signed-in person, directory, lifecycle, cycle, locale), read with `@consume` from
 *   `@lit/context`, or by extending `PlcElement`, which does that already;
 * - `PlcElement`: the base of every plc-kit element (session, locale changes, version);
 * - the host page's side of the iframe embed (`setTokenProvider`, `startResizer`): the page
 *   that frames plc-kit's embed page gives it the signed-in person's token and its height.
 *
 * @example
 * ```ts
 * import { html } from 'lit';
 * import { PlcElement } from 'plc-kit/context.js';
 *
 * class SchoolBanner extends PlcElement {
 *   override render() {
 *     return html`Signed in as ${this.session?.person?.name ?? 'nobody'}`;
 *   }
 * }
 * customElements.define('school-banner', SchoolBanner);
 * ```
 * @packageDocumentation
 */
export { sessionContext, EMPTY_DIRECTORY, type Directory, type PlcSession, type ServerLink } from './session.js';
export { PlcElement } from '../base/plc-element.js';
export { setTokenProvider, startResizer, requestHeights, type TokenProvider, type TokenProviderOptions } from '../embed/resizer.js';
