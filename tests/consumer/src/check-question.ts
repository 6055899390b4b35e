// The size of one core function in an app's build (npm run size): `import { checkQuestion }`.
import { checkQuestion } from 'plc-kit';

const items = checkQuestion({ text: 'How can we help students act on written feedback?', rationale: '', targetStudents: 'Year 9', plannedActions: [], successCriteria: [], plannedEvidence: [] });
document.body.textContent = items.map((item) => `${item.id}: ${item.status}`).join('\n');
