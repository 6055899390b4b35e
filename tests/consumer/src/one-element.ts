// Importing one element brings its events' types: no define.js, no cast.
import 'plc-kit/components/plc-question-editor.js';
import type { PlcChangeEvent } from 'plc-kit/components/plc-question-editor.js';

const editor = document.createElement('plc-question-editor');
editor.addEventListener('plc-change', (event) => {
  const step: string = event.step;
  const same: PlcChangeEvent = event;
  document.body.dataset['lastStep'] = `${same.enquiryId}:${step}`;
});
