// The plain page's script: a property (the store), attributes (person-id, enquiry-id) and events.
import '../../components/define.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { seedDemo } from '../demo/seed.ts';

const provider = document.querySelector('plc-provider');
const status = document.querySelector('.host-status');

// A property: the store is an object, so it is set on the element, not written as an attribute.
const store = createMemoryStore();
await seedDemo(store);
provider.store = store;

function showList() {
  provider.replaceChildren(document.createElement('plc-my-enquiries'));
}

for (const button of document.querySelectorAll('button[data-person]')) {
  button.addEventListener('click', () => {
    provider.setAttribute('person-id', button.dataset.person);
    for (const other of document.querySelectorAll('button[data-person]')) other.setAttribute('aria-pressed', String(other === button));
    status.textContent = 'Nothing opened yet.';
    showList();
  });
}

// Events bubble and cross shadow roots, so one listener on the provider hears every element.
provider.addEventListener('plc-enquiry-open', (event) => {
  status.textContent = `The page heard plc-enquiry-open: ${event.enquiryId}`;
  const enquiry = document.createElement('plc-enquiry');
  enquiry.setAttribute('enquiry-id', event.enquiryId);
  provider.replaceChildren(enquiry);
});
