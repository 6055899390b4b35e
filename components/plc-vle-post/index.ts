import { defineElement } from '../define-element.js';
import { PlcVlePost } from './plc-vle-post.js';
export { PlcVlePost };
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-vle-post', PlcVlePost);
declare global {
  interface HTMLElementTagNameMap {
    'plc-vle-post': PlcVlePost;
  }
}
