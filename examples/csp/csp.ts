// Registers the elements, then checks zod's validation runs here: plc-kit configures zod
// jitless (src/schema/zod.ts), so parsing never needs 'unsafe-eval'.
import '../../components/define.js';
import { EnquiryDetails } from '../../src/schema/enquiry.js';
import { describeIssues } from '../../src/schema/errors.js';

const valid = EnquiryDetails.safeParse({ title: 'Structured talk', kind: 'group', cycleId: 'cy-2025', ownerIds: ['p-beth'] });
const invalid = EnquiryDetails.safeParse({ title: '', kind: 'solo', cycleId: 'cy 2025', ownerIds: [] });
const problems = invalid.success ? [] : describeIssues(invalid.error.issues);
const output = document.getElementById('validation');
if (output) {
  output.textContent =
    valid.success && !invalid.success ? `works (a valid enquiry accepted; an invalid one refused: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')})` : 'FAILED';
}
