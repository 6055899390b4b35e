// A React 19 app as an integrator writes it, against the installed plc-kit package: elements with
// typed props and events, the core API, the integrator entry, and the host's own zod.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as z from 'zod';
import type {} from 'plc-kit/react';
import { createLifecycle, createMemoryStore } from 'plc-kit';
import 'plc-kit/components/plc-app.js';
import { PlcEnquiry, type PlcStageChangeEvent } from 'plc-kit/components/plc-enquiry.js';
import { PlcElement, sessionContext, setTokenProvider, type PlcSession } from 'plc-kit/context.js';
import './one-element.js';

/** An integrator's own element on plc-kit's base: it reads the provider's session. */
export class SchoolBanner extends PlcElement {
  get signedInName(): string {
    const session: PlcSession | undefined = this.session;
    return session?.person?.name ?? '';
  }
}
customElements.define('school-banner', SchoolBanner);
export const context: typeof sessionContext = sessionContext;
setTokenProvider(undefined);

function App() {
  const [stage, setStage] = useState('none');
  const onStage = (event: PlcStageChangeEvent) => setStage(`${event.from}->${event.to}`);
  return (
    <>
      <plc-app storage="memory" lang="en-GB" theme="light" routing="none"></plc-app>
      <plc-enquiry id="enquiry" enquiry-id="enq-1" onplc-stage-change={onStage} />
      {/* @ts-expect-error: the handler's parameter is the event's class, not just any value */}
      <plc-enquiry onplc-stage-change={(event: number) => event} />
      {/* @ts-expect-error: a property's type comes from the element class */}
      <plc-app theme="purple" />
      <output id="stage">{stage}</output>
    </>
  );
}

// The host's zod is untouched by plc-kit: its own messages, for its own schemas.
const hostCheck = z.object({ title: z.string() }).safeParse({});
const lifecycle = createLifecycle();
const store = createMemoryStore({ lifecycle });
document.body.dataset['hostZod'] = hostCheck.success ? 'passed' : hostCheck.error.issues[0]!.message;
document.body.dataset['store'] = typeof store.append;
document.body.dataset['enquiryClass'] = String(customElements.get('plc-enquiry') === PlcEnquiry);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
