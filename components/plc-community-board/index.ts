import { defineElement } from '../define-element.js';
import { PlcCommunityBoard } from './plc-community-board.js';
export { PlcCommunityBoard };
defineElement('plc-community-board', PlcCommunityBoard);
declare global {
  interface HTMLElementTagNameMap {
    'plc-community-board': PlcCommunityBoard;
  }
}
