import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { VERSION } from '../../src/version.js';
import { sessionContext, type PlcSession } from '../context/session.js';

/**
 * The unstyled base of every plc-kit element: it reads the session from the nearest
 * `<plc-provider>`, re-renders when the locale changes, and carries plc-kit's version so two
 * copies on one page can tell each other apart. Public elements extend it and stay thin.
 */
export class PlcElement extends LitElement {
  /** The plc-kit version that defined this element. */
  static readonly plcKitVersion = VERSION;

  /**
   * The session from the nearest `<plc-provider>`. Integrators without a provider may set it
   * directly.
   */
  @consume({ context: sessionContext, subscribe: true })
  @state()
  accessor session: PlcSession | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The name of a person in the directory, or their id when unknown. */
  protected personName(id: string | undefined): string {
    if (!id) return '';
    return this.session?.directory.people.get(id)?.name ?? id;
  }

  /** The name of a theme, or its id when unknown. */
  protected themeName(id: string | undefined): string {
    if (!id) return '';
    return this.session?.directory.themes.get(id)?.name ?? id;
  }
}
