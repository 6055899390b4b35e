/**
 * The RFC 4180 reader and writer: quoting, escaped quotes, CRLF/LF/CR, the byte order mark, line
 * breaks inside fields with the line each record starts on, the trailing newline, malformed
 * quoting reported by line, delimiter detection, the formula guard, and a round-trip property.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvCell, detectDelimiter, guardFormula, parseCsv, toCsv, unguardFormula } from '../../../src/export/csv.js';

const fields = (text: string) => parseCsv(text).rows.map((r) => r.fields);
const lines = (text: string) => parseCsv(text).rows.map((r) => [r.line, r.endLine]);

describe('parseCsv', () => {
  it('reads plain records, with or without a trailing newline', () => {
    assert.deepEqual(fields('a,b,c\r\n1,2,3\r\n'), [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    assert.deepEqual(fields('a,b,c\r\n1,2,3'), [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts LF and lone CR line ends, and counts lines the same way', () => {
    assert.deepEqual(fields('a,b\n1,2\n'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    assert.deepEqual(fields('a,b\r1,2\r'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    assert.deepEqual(lines('a\n\nb\r\nc\rd'), [
      [1, 1],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
  });

  it('strips a byte order mark', () => {
    assert.deepEqual(fields('\uFEFFname,email\r\nClare,c@x.org'), [
      ['name', 'email'],
      ['Clare', 'c@x.org'],
    ]);
  });

  it('reads quoted fields with delimiters, escaped quotes and empty quoted fields', () => {
    assert.deepEqual(fields('"Berry, Clare","She said ""hi""",""\r\n'), [['Berry, Clare', 'She said "hi"', '']]);
  });

  it('keeps empty fields, including a last empty field', () => {
    assert.deepEqual(fields('a,,c,\r\n,,,\r\n'), [
      ['a', '', 'c', ''],
      ['', '', '', ''],
    ]);
  });

  it('reads line breaks inside quotes as \\n and reports where multi-line records start and end', () => {
    const text = 'id,note\r\n1,"line one\r\nline two\nline three"\r\n2,plain\r\n3,"a\rb"\n';
    const { rows, errors } = parseCsv(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      rows.map((r) => [r.line, r.endLine, r.fields]),
      [
        [1, 1, ['id', 'note']],
        [2, 4, ['1', 'line one\nline two\nline three']],
        [5, 5, ['2', 'plain']],
        [6, 7, ['3', 'a\nb']],
      ],
    );
  });

  it('skips blank lines but not a quoted empty field', () => {
    assert.deepEqual(fields('a\r\n\r\n\r\nb\r\n""\r\n\r\n'), [['a'], ['b'], ['']]);
    assert.deepEqual(lines('a\r\n\r\n\r\nb\r\n'), [
      [1, 1],
      [4, 4],
    ]);
  });

  it('returns no records for empty text or only a byte order mark', () => {
    assert.deepEqual(parseCsv('').rows, []);
    assert.deepEqual(parseCsv('\uFEFF').rows, []);
    assert.deepEqual(parseCsv('\r\n\r\n').rows, []);
  });

  it('tolerates spaces before an opening quote', () => {
    assert.deepEqual(fields('a, "b, c",d'), [['a', 'b, c', 'd']]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    assert.deepEqual(fields('5" ruler,x'), [['5" ruler', 'x']]);
  });

  it('reports an unclosed quote at the line it opened on, and reads to the end', () => {
    const { rows, errors } = parseCsv('a,b\r\n1,"open\r\n2,3\r\n');
    assert.equal(errors.length, 1);
    assert.deepEqual({ line: errors[0]!.line, field: errors[0]!.field, code: errors[0]!.code }, { line: 2, field: 1, code: 'unclosed-quote' });
    assert.match(errors[0]!.message, /line 2/);
    assert.deepEqual(rows[1]!.fields, ['1', 'open\n2,3\n']);
  });

  it('reports text after a closing quote and keeps it', () => {
    const { rows, errors } = parseCsv('a,b\n"x"y,z\n');
    assert.deepEqual(errors.map((e) => [e.line, e.field, e.code]), [[2, 0, 'text-after-quote']]);
    assert.deepEqual(rows[1]!.fields, ['xy', 'z']);
  });

  it('ignores spaces after a closing quote', () => {
    const { rows, errors } = parseCsv('"x"  ,y');
    assert.deepEqual(errors, []);
    assert.deepEqual(rows[0]!.fields, ['x', 'y']);
  });

  it('detects semicolons and tabs, and reads with them', () => {
    assert.equal(detectDelimiter('name;email;school\r\nx;y;z'), ';');
    assert.equal(detectDelimiter('name\temail\r\n'), '\t');
    assert.equal(detectDelimiter('"a;b;c",d\r\n'), ',');
    assert.equal(detectDelimiter('name'), ',');
    const result = parseCsv('nombre;correo\r\n"García; Ana";ana@x.es\r\n', { delimiter: 'auto' });
    assert.equal(result.delimiter, ';');
    assert.deepEqual(result.rows[1]!.fields, ['García; Ana', 'ana@x.es']);
  });

  it('understands Excel’s sep= first line: it names the delimiter, is not a record, and keeps its line number', () => {
    const text = 'sep=;\r\nname;email\r\nAnn Lee;ann@x.org\r\n';
    for (const delimiter of ['auto', ',', ';'] as const) {
      const result = parseCsv(text, { delimiter });
      assert.equal(result.delimiter, ';', delimiter);
      assert.equal(result.sepLine, true);
      assert.deepEqual(result.rows.map((r) => [r.line, r.fields]), [[2, ['name', 'email']], [3, ['Ann Lee', 'ann@x.org']]]);
    }
    assert.equal(detectDelimiter(text), ';');
    assert.equal(detectDelimiter('\uFEFFSEP=,\nname;email;school\n'), ',', 'after a byte order mark, in capitals, over the counts');
    assert.deepEqual(parseCsv('sep=\t\nname\temail\n').rows[0]!.fields, ['name', 'email']);
    assert.deepEqual(parseCsv('sep=|\nname|email\n').rows[0]!.fields, ['name', 'email']);
    assert.deepEqual(parseCsv('sep=;').rows, [], 'only the sep line: no records');
    // Not a sep line: a header that merely starts with "sep", or a delimiter Excel's line cannot name.
    assert.equal(parseCsv('separate,x\n').sepLine, false);
    assert.deepEqual(parseCsv('sep=ab\n1,2\n').rows[0]!.fields, ['sep=ab']);
  });
});

describe('toCsv', () => {
  it('writes CRLF records ending with a newline, quoting only where needed', () => {
    assert.equal(
      toCsv([
        ['name', 'note'],
        ['Clare', 'Says "hello", twice'],
        ['Beth', 'two\nlines'],
      ]),
      'name,note\r\nClare,"Says ""hello"", twice"\r\nBeth,"two\nlines"\r\n',
    );
  });

  it('writes numbers, booleans and empty values', () => {
    assert.equal(toCsv([[1, -2.5, true, false, null, undefined, Number.NaN, '']]), '1,-2.5,true,false,,,,\r\n');
  });

  it('can write LF, a byte order mark and another delimiter', () => {
    assert.equal(toCsv([['a', 'b;c']], { newline: '\n', bom: true, delimiter: ';' }), '\uFEFFa;"b;c"\n');
  });

  it('guards cells that a spreadsheet would run as formulas, and leaves numbers alone', () => {
    for (const danger of ['=1+1', '+44 20 7946 0000', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      assert.equal(guardFormula(danger), `'${danger}`);
      assert.equal(unguardFormula(guardFormula(danger)), danger);
    }
    assert.equal(guardFormula('Clare'), 'Clare');
    assert.equal(unguardFormula("'quoted"), "'quoted");
    assert.equal(csvCell('=HYPERLINK("http://evil.example","x")'), `"'=HYPERLINK(""http://evil.example"",""x"")"`);
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell('=1', { guardFormulas: false }), '=1');
    assert.equal(toCsv([['=cmd|" /C calc"!A0']]), `"'=cmd|"" /C calc""!A0"\r\n`);
  });

  it('round-trips any table of strings (formula guard off)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', ';', 'é', "'") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, lf) => {
        const text = toCsv(rows, { guardFormulas: false, newline: lf ? '\n' : '\r\n', bom: lf });
        const expected = rows.map((row) => row.map((c) => c.replace(/\r\n/g, '\n')));
        assert.deepEqual(fields(text), expected);
      }),
    );
  });
});
