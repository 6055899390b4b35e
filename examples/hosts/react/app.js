// A React 19 app hosting plc-kit elements. React 19 supports custom elements natively:
//   - a prop whose name is a property of the element (`store`) is set as that property, so
//     objects pass through untouched;
//   - other props (`person-id`, `lang`, `enquiry-id`) become attributes;
//   - `on<event-name>` props (`onplc-enquiry-open`) add event listeners for that exact event.
// No JSX, so no build step: `h` is React.createElement.
import '../../../components/define.ts';
import { createMemoryStore } from '../../../src/store/memory.ts';
import { seedDemo } from '../../demo/seed.ts';
import { loadReact } from './load-react.js';

const { React, ReactDOMClient } = await loadReact();
const h = React.createElement;

// The host owns the store (here a memory store with the demo school; in a real app, the HTTP
// store that talks to the plc-kit server) and hands it to the provider as a property.
const store = createMemoryStore();
await seedDemo(store);

const PEOPLE = [
  { id: 'p-beth', name: 'Beth Evans' },
  { id: 'p-dana', name: 'Dana Okafor' },
];

function App() {
  const [personId, setPersonId] = React.useState('p-beth');
  const [opened, setOpened] = React.useState(undefined);
  const [stageChanges, setStageChanges] = React.useState(0);

  return h(
    'div',
    { className: 'host' },
    h('h1', null, 'React 19 host'),
    h(
      'p',
      null,
      PEOPLE.map((person) =>
        h(
          'button',
          { key: person.id, type: 'button', 'aria-pressed': personId === person.id, onClick: () => (setPersonId(person.id), setOpened(undefined)) },
          `Sign in as ${person.name}`,
        ),
      ),
    ),
    h('p', { className: 'host-status', role: 'status' }, opened ? `React heard plc-enquiry-open: ${opened}` : 'Nothing opened yet.', ` Stage changes heard: ${stageChanges}.`),
    h(
      'plc-provider',
      { store, 'person-id': personId, lang: 'en-GB' },
      opened
        ? h('plc-enquiry', { 'enquiry-id': opened, 'onplc-stage-change': () => setStageChanges((n) => n + 1) })
        : h('plc-my-enquiries', { 'onplc-enquiry-open': (event) => setOpened(event.enquiryId) }),
    ),
  );
}

ReactDOMClient.createRoot(document.getElementById('root')).render(h(App));
