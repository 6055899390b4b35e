// Registers the elements, then checks zod's validation runs here: plc-kit's schemas use zod/mini,
// whose objects never compile a parser, and plc-kit passes `jitless` to each of its own parses
// (src/schema/zod.ts), so parsing never needs 'unsafe-eval'.
import '../../components/define.js';
import { EnquiryDetails } from '../../src/schema/enquiry.js';
import { describeIssues } from '../../src/schema/errors.js';
import { parseSafely } from '../../src/schema/zod.js';

const valid = parseSafely(EnquiryDetails, { title: 'Structured talk', kind: 'group', cycleId: 'cy-2025', ownerIds: ['p-beth'] });
const invalid = parseSafely(EnquiryDetails, { title: '', kind: 'solo', cycleId: 'cy 2025', ownerIds: [] });
const problems = invalid.success ? [] : describeIssues(invalid.error.issues);
const output = document.getElementById('validation');
if (output) {
  output.textContent =
    valid.success && !invalid.success ? `works (a valid enquiry accepted; an invalid one refused: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')})` : 'FAILED';
}
