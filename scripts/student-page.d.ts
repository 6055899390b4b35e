/** Writes the student page (index.html, student.css, student.js) into `out`; returns student.js's size, raw and gzipped. */
export function writeStudentPage(out: string, options?: { minify?: boolean }): Promise<{ bytes: number; gzip: number }>;
