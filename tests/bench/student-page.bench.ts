/**
 * The student page's weight: all the JavaScript a phone loads for `/s/<code>` (student.js, its
 * own bundle), built as `npm run build` builds it. Issue 15 asks for it in the benchmark output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStudentPage } from '../../scripts/student-page.js';

const out = mkdtempSync(join(tmpdir(), 'plc-student-bench-'));
try {
  const { bytes, gzip } = await writeStudentPage(out);
  console.log(`bench student-page student.js: ${bytes} bytes`);
  console.log(`bench student-page student.js gzip: ${gzip} bytes`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
