/**
 * Loading plc-kit twice on one page (two plugins, two versions) is safe: defining a tag that is
 * already registered keeps the first definition and never throws; a copy of another version warns
 * once naming both versions, a copy of the same version says nothing. Custom elements cannot be undefined, so the version test uses its own tag, and
 * the "second copy" is made of fresh module instances loaded through query-string URLs.
 */
import { expect } from '@open-wc/testing';
import { defineElement } from '../../components/define-element.js';
import '../../components/define.js';
import { VERSION } from '../../src/version.js';

/** Runs `work` while counting console.warn calls; returns the warnings' texts. */
async function warningsDuring(work: () => unknown): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await work();
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** Every tag components/define.ts registers (read from the registry: each plc-* tag defined now). */
const PLC_TAGS = [
  'plc-provider',
  'plc-my-enquiries',
  'plc-enquiry',
  'plc-question-editor',
  'plc-observation-form',
  'plc-observation-list',
  'plc-evidence-board',
  'plc-survey-builder',
  'plc-survey-response',
  'plc-survey-results',
  'plc-outcome-editor',
  'plc-learning-walk',
  'plc-impact-report',
  'plc-booklet',
  'plc-cycle-admin',
  'plc-community-board',
  'plc-meeting',
  'plc-app',
];

describe('loading plc-kit twice', () => {
  it('keeps an older copy\'s elements, warns once (not once per tag) naming both versions, and never throws', async () => {
    const tag = `plc-provider-collision-${Math.random().toString(36).slice(2, 8)}`;
    const otherTag = `${tag}-other`;
    class OldProvider extends HTMLElement {
      static readonly plcKitVersion = '0.0.1';
    }
    class OldOther extends HTMLElement {
      static readonly plcKitVersion = '0.0.1';
    }
    class NewProvider extends HTMLElement {
      static readonly plcKitVersion = VERSION;
    }
    class NewerStill extends HTMLElement {
      static readonly plcKitVersion = VERSION;
    }
    expect(defineElement(tag, OldProvider)).to.equal(true);
    expect(defineElement(otherTag, OldOther)).to.equal(true);
    let results: boolean[] = [];
    const warnings = await warningsDuring(() => {
      results = [defineElement(tag, NewProvider), defineElement(tag, NewerStill), defineElement(otherTag, NewProvider), defineElement(tag, NewProvider)];
    });
    expect(results).to.deep.equal([false, false, false, false]);
    expect(customElements.get(tag)).to.equal(OldProvider);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(`<${tag}>`);
    expect(warnings[0]).to.contain('plc-kit 0.0.1');
    expect(warnings[0]).to.contain(`plc-kit ${VERSION}`);
  });

  it('says nothing when the same copy defines the same class again', async () => {
    const tag = `plc-same-${Math.random().toString(36).slice(2, 8)}`;
    class Same extends HTMLElement {}
    defineElement(tag, Same);
    const warnings = await warningsDuring(() => defineElement(tag, Same));
    expect(warnings).to.deep.equal([]);
  });

  it('re-importing components/define.ts through another URL neither throws nor warns (it is the same copy)', async () => {
    for (const tag of PLC_TAGS) expect(customElements.get(tag), tag).to.not.equal(undefined);
    const again = '../../components/define.ts?copy=2';
    const warnings = await warningsDuring(() => import(/* @vite-ignore */ again));
    expect(warnings).to.deep.equal([]);
  });

  it('a second copy of the same version (fresh classes, its own registry helper) says nothing and never throws', async () => {
    const copy = '?copy=second-plugin';
    const { defineElement: defineCopy } = (await import(/* @vite-ignore */ `../../components/define-element.ts${copy}`)) as typeof import('../../components/define-element.js');
    const classes = new Map<string, CustomElementConstructor>();
    for (const tag of PLC_TAGS) {
      const module = (await import(/* @vite-ignore */ `../../components/${tag}/${tag}.ts${copy}`)) as Record<string, unknown>;
      const constructor = Object.values(module).find((value) => typeof value === 'function' && (value as { plcKitVersion?: string }).plcKitVersion);
      expect(constructor, `${tag} exports its class`).to.be.a('function');
      expect(constructor, `${tag} is a fresh class`).to.not.equal(customElements.get(tag));
      classes.set(tag, constructor as CustomElementConstructor);
    }
    const warnings = await warningsDuring(() => {
      for (const [tag, constructor] of classes) expect(defineCopy(tag, constructor)).to.equal(false);
      for (const [tag, constructor] of classes) expect(defineCopy(tag, constructor)).to.equal(false);
    });
    expect(warnings).to.deep.equal([]);
    // The first copy keeps working: its elements still render.
    const provider = document.createElement('plc-provider');
    expect(provider.constructor).to.not.equal(classes.get('plc-provider'));
  });
});
