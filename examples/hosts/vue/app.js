// A Vue 3 app hosting plc-kit elements:
//   - compilerOptions.isCustomElement tells Vue that plc-* tags are custom elements, not Vue
//     components (with Vite, set it in vite.config under vue({ template: { compilerOptions } }));
//   - `:store.prop` passes the store object as a property, whatever Vue would guess;
//   - `:person-id` and `enquiry-id` are attributes;
//   - `@plc-enquiry-open` listens for the element's DOM event.
// The full build (vue.esm-browser.js) compiles the template in the browser, so no build step.
import { createApp, markRaw } from 'vue/dist/vue.esm-browser.js';
import '../../../components/define.ts';
import { createMemoryStore } from '../../../src/store/memory.ts';
import { seedDemo } from '../../demo/seed.ts';

// The host owns the store (here a memory store with the demo school) and passes it as a property.
const store = createMemoryStore();
await seedDemo(store);

const app = createApp({
  data: () => ({
    personId: 'p-beth',
    opened: undefined,
    stageChanges: 0,
    people: [
      { id: 'p-beth', name: 'Beth Evans' },
      { id: 'p-dana', name: 'Dana Okafor' },
    ],
  }),
  methods: {
    signIn(id) {
      this.personId = id;
      this.opened = undefined;
    },
    onOpen(event) {
      this.opened = event.enquiryId;
    },
  },
  // markRaw keeps Vue from wrapping the store in a reactive proxy before handing it over.
  setup: () => ({ store: markRaw(store) }),
  template: `
    <div class="host">
      <h1>Vue 3 host</h1>
      <p>
        <button v-for="person in people" :key="person.id" type="button" :aria-pressed="String(personId === person.id)" @click="signIn(person.id)">
          Sign in as {{ person.name }}
        </button>
      </p>
      <p class="host-status" role="status">
        {{ opened ? 'Vue heard plc-enquiry-open: ' + opened : 'Nothing opened yet.' }} Stage changes heard: {{ stageChanges }}.
      </p>
      <plc-provider :store.prop="store" :person-id="personId" lang="en-GB">
        <plc-enquiry v-if="opened" :enquiry-id="opened" @plc-stage-change="stageChanges++"></plc-enquiry>
        <plc-my-enquiries v-else @plc-enquiry-open="onOpen"></plc-my-enquiries>
      </plc-provider>
    </div>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('plc-');
app.mount('#app');
