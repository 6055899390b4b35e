/**
 * Inline styles that a strict Content-Security-Policy allows. A `style="..."` attribute, whether
 * in markup or set with `setAttribute` (as lit's `styleMap` does on its first render), is blocked
 * by `style-src` without `'unsafe-inline'`; properties set through the CSSOM
 * (`element.style.setProperty`) are not. Use it as `style=${cssomStyle({ top: '12px' })}`.
 * @module
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS property names (`padding-inline-start`) to values; `undefined` removes the property. */
export type CssomStyleInfo = Readonly<Record<string, string | undefined>>;

class CssomStyleDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssomStyle() goes on an element, as `${cssomStyle({...})}` inside its tag.');
  }

  render(_styles: CssomStyleInfo): unknown {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [CssomStyleInfo]): unknown {
    const { style } = part.element as HTMLElement;
    for (const name of this.previous) if (styles[name] === undefined) style.removeProperty(name);
    this.previous = new Set();
    for (const [name, value] of Object.entries(styles)) {
      if (value === undefined) continue;
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

/** Sets inline style properties through the CSSOM, which CSP allows (see the module). */
export const cssomStyle = directive(CssomStyleDirective);
