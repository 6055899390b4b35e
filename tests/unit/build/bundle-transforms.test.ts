/**
 * The bundle's own rollup transforms (scripts/minify-templates.js, scripts/share-ts-helpers.js,
 * scripts/short-message-ids.js):
 * what they remove must not change what renders or runs, and what they keep is spelled out here
 * on the templates where a careless minifier breaks things.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rollup, type Plugin } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { minifyCss, minifyHtml, minifyTemplates, minifyTemplatesIn } from '../../../scripts/minify-templates.js';
import { shareTsHelpers } from '../../../scripts/share-ts-helpers.js';
import { messageIdEdits, shortId, shortIds, shortMessageIds } from '../../../scripts/short-message-ids.js';

const minifyModule = (code: string) => minifyTemplatesIn(code, parseAst(code));

describe('minifyCss', () => {
  it('drops comments and the whitespace around braces, semicolons, commas and after colons', () => {
    assert.equal(minifyCss('\n  :host {\n    display: block; /* the host */\n  }\n  .a, .b {\n    margin: 0 auto;\n  }\n'), ' :host{display:block}.a,.b{margin:0 auto}');
  });

  it('keeps a space before a colon: `.a :hover` is a descendant, `.a:hover` is not', () => {
    assert.equal(minifyCss('.a :hover { color: red; }'), '.a :hover{color:red}');
  });

  it('keeps strings as written, with their spaces, comment-like text and escaped quotes', () => {
    assert.equal(minifyCss(`.q::before { content: ' /* not a comment */  '; font-family: "A  B", 'it\\'s'; }`), `.q::before{content:' /* not a comment */  ';font-family:"A  B",'it\\'s'}`);
  });

  it('never glues two words together where a comment stood', () => {
    assert.equal(minifyCss('margin: 0/**/auto;'), 'margin:0 auto;');
  });

  it('says which comment is not closed', () => {
    assert.throws(() => minifyCss('a { color: red; /* open'), /minifyCss: a comment is not closed.*open/);
  });
});

describe('minifyHtml', () => {
  it('turns each whitespace run with a line break into one line break, and leaves other spaces alone', () => {
    assert.equal(minifyHtml('\n  <ul>\n    <li>a  b</li>\n\n    <li>c</li>\n  </ul>\n'), '\n<ul>\n<li>a  b</li>\n<li>c</li>\n</ul>\n');
  });

  it('keeps the content of <pre> and <textarea> byte for byte', () => {
    const text = '<div>\n  <pre>\n  one\n    two\n</pre>\n  <textarea\n    id="t">\n  keep\n</textarea>\n</div>';
    assert.equal(minifyHtml(text), '<div>\n<pre>\n  one\n    two\n</pre>\n<textarea\n    id="t">\n  keep\n</textarea>\n</div>');
  });
});

describe('minifyTemplatesIn', () => {
  it('minifies css``, html``, svg`` and staticHtml`` in tsc output (`css \\``) and nothing else', () => {
    const code = 'const s = css `\n  a { color: red; }\n`;\nconst h = html`\n  <p>x</p>\n`;\nconst g = svg`\n  <g></g>\n`;\nconst t = staticHtml`\n  <b></b>\n`;\nconst other = `\n  a { color: red; }\n`;\nconst tagged = sql`\n  select  1\n`;';
    assert.equal(
      minifyModule(code),
      'const s = css ` a{color:red}`;\nconst h = html`\n<p>x</p>\n`;\nconst g = svg`\n<g></g>\n`;\nconst t = staticHtml`\n<b></b>\n`;\nconst other = `\n  a { color: red; }\n`;\nconst tagged = sql`\n  select  1\n`;',
    );
  });

  it('minifies a plain template literal marked /* css */ as css``, and no other plain one', () => {
    assert.equal(minifyModule('const file = /* css */ `\n  body {\n    margin: 0;\n  }\n`;\nconst text = `\n  body {\n    margin: 0;\n  }\n`;'), 'const file = /* css */ ` body{margin:0}`;\nconst text = `\n  body {\n    margin: 0;\n  }\n`;');
  });

  it('never removes the whitespace that separates an expression from the text beside it', () => {
    assert.equal(minifyModule('css`\n  .a    ${sel}    .b { margin: ${m}; }\n`'), 'css` .a ${sel} .b{margin:${m}}`');
    assert.equal(minifyModule('html`<b>${a}</b>   \n   ${b}  <i>${c}</i>`'), 'html`<b>${a}</b>\n${b}  <i>${c}</i>`');
  });

  it('minifies the templates nested inside expressions', () => {
    assert.equal(minifyModule('html`<ul>\n  ${items.map((i) => html`\n    <li>${i}</li>\n  `)}\n</ul>`'), 'html`<ul>\n${items.map((i) => html`\n<li>${i}</li>\n`)}\n</ul>`');
  });

  it('leaves a template alone when a <textarea> opens in one part and closes in another', () => {
    assert.equal(minifyModule('html`<div>\n  <textarea>\n  ${value}\n  </textarea>\n</div>`'), null);
  });

  it('returns null when there is nothing to minify', () => {
    assert.equal(minifyModule('const a = html`<p>${x}</p>`;'), null);
  });
});

/** A rollup build of in-memory modules, with `plugins` before the loader; returns the output's code. */
async function build(modules: Record<string, string>, plugins: Plugin[]): Promise<string> {
  const memory: Plugin = {
    name: 'memory',
    resolveId: (id) => (id in modules ? id : id.startsWith('./') && id.slice(2) in modules ? id.slice(2) : null),
    load: (id) => modules[id] ?? null,
  };
  const bundle = await rollup({ input: 'entry.js', plugins: [memory, ...plugins], onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

describe('shareTsHelpers', () => {
  const helper = 'var __double = (this && this.__double) || function (n) { return n * 2; };';
  const modules = {
    'entry.js': "import { a } from './a.js';\nimport { b } from './b.js';\nexport const result = [a, b];",
    'a.js': `${helper}\nexport const a = __double(1);`,
    'b.js': `${helper}\nexport const b = __double(2);`,
  };

  it('keeps one copy of a helper that several modules define, and the code still runs', async () => {
    const code = await build(modules, [shareTsHelpers()]);
    assert.equal(code.match(/return n \* 2/g)?.length, 1);
    assert.equal((await build(modules, [])).match(/return n \* 2/g)?.length, 2, 'without the plugin each module has its copy');
    const { result } = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { result: number[] };
    assert.deepEqual(result, [2, 4]);
  });

  it('fails the build, naming the module, when two modules define the same helper differently', async () => {
    const different = { ...modules, 'b.js': 'var __double = (this && this.__double) || function (n) { return n + n; };\nexport const b = __double(2);' };
    await assert.rejects(build(different, [shareTsHelpers()]), /b\.js: tsc's __double differs/);
  });

  it('runs with the template minifier on the same modules without either undoing the other', async () => {
    const code = await build({ ...modules, 'a.js': `${helper}\nconst html = (s) => s.join('|');\nexport const a = html\`\n  <p>\${__double(1)}</p>\n\`;` }, [shareTsHelpers(), minifyTemplates()]);
    assert.match(code, /html`\n<p>\$\{__double\(1\)\}<\/p>\n`/);
    assert.equal(code.match(/return n \* 2/g)?.length, 1);
  });
});

describe('shortMessageIds', () => {
  it('numbers ids with one character, then two, never repeating one', () => {
    assert.deepEqual([0, 1, 63, 64, 65].map(shortId), ['a', 'b', '$', 'aa', 'ab']);
    const many = Array.from({ length: 64 * 65 }, (_, n) => shortId(n));
    assert.equal(new Set(many).size, many.length);
    assert.ok(many.every((id) => id.length <= 2));
  });

  it('gives the same id the same short one whatever order the catalogues list them in', () => {
    assert.deepEqual(shortIds(['b.two', 'a.one', 'b.two']), new Map([['a.one', 'a'], ['b.two', 'b']]));
    assert.deepEqual(shortIds(['a.one', 'b.two']), shortIds(['b.two', 'a.one']));
  });

  it('refuses a msg() id it cannot follow, and one that would read as another short id', () => {
    const ids = shortIds(['app.save']);
    assert.throws(() => messageIdEdits(parseAst('msg("Save", { id: `app.${x}` });'), ids, { catalogue: false }), /not a string literal/);
    assert.throws(() => messageIdEdits(parseAst('msg("Save", { id: "a" });'), ids, { catalogue: false }), /"a" is in no catalogue and is also a short id/);
    assert.deepEqual(messageIdEdits(parseAst('msg("Other", { id: "app.other" });'), ids, { catalogue: false }), [], 'an id no catalogue has is kept');
  });

  const parts = mkdtempSync(join(tmpdir(), 'plc-parts-'));
  const partFile = join(parts, 'components/locales/parts/app.es.js');
  after(() => rmSync(parts, { recursive: true, force: true }));
  mkdirSync(join(parts, 'components/locales/parts'), { recursive: true });
  writeFileSync(partFile, "export const app = { 'app.save': 'Guardar', 'app.greet': str`Hola, ${0}` };\n");
  const str = 'const str = (s, ...v) => ({ s, v });';

  it('renames the ids in msg() calls and in the catalogue alike, so every message is still found in its catalogue', async () => {
    const modules = {
      'entry.js': `${str}\nimport { app } from '${partFile}';\nconst msg = (text, { id }) => app[id] ?? text;\nconst other = { id: 'app.save' };\nexport const out = [msg('Save', { id: 'app.save' }), msg(str\`Hello, \${'Ana'}\`, { id: 'app.greet' }).s.join(''), msg('Later', { id: 'app.later' }), other.id];`,
      [partFile]: `${str}\n${"export const app = { 'app.save': 'Guardar', 'app.greet': str`Hola, ${0}` };"}`,
    };
    const code = await build(modules, [shortMessageIds({ parts: join(parts, 'components/locales/parts') })]);
    assert.doesNotMatch(code, /msg\('Save', \{ id: 'app\.save' \}\)/);
    assert.doesNotMatch(code, /'app\.(save|greet)':/);
    const { out } = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { out: string[] };
    // The translations are found; an id no catalogue has keeps its text; an `id` that is not a msg() option is data, kept.
    assert.deepEqual(out, ['Guardar', 'Hola, ', 'Later', 'app.save']);
  });

  it("turns @lit/localize's msg(text, { id }) into one shared msgById(id, text), nested calls too, and leaves other calls as they were", async () => {
    const ids = shortIds(['app.save', 'app.greet']);
    const source = `import { msg as m, str } from '@lit/localize';\nexport const out = [m('Save', { id: 'app.save' }), m(str\`Hi \${m('Save', { id: 'app.save' })}\`, { id: 'app.greet' }), m('Kept', { id: 'app.kept', desc: 'x' })];`;
    const edits = messageIdEdits(parseAst(source), ids, { catalogue: false }).sort((a, b) => b.start - a.start);
    let code = source;
    for (const { start, end, text } of edits) code = code.slice(0, start) + text + code.slice(end);
    assert.match(code, /^import\{msgById as (\w+)\}from"plc-kit:msg-by-id";/);
    assert.match(code, /__plcMsgById\("b",'Save'\)/);
    assert.match(code, /__plcMsgById\("a",str`Hi \$\{__plcMsgById\("b",'Save'\)\}`\)/);
    assert.match(code, /m\('Kept', \{ id: 'app\.kept', desc: 'x' \}\)/);
    // The helper is msg() itself with the id as its option: the same translation for every call.
    const localize = { name: 'localize', resolveId: (id: string) => (id === '@lit/localize' ? id : null), load: (id: string) => (id === '@lit/localize' ? 'export const msg = (text, options) => [text, options.id]; export const str = (s) => s.join("");' : null) };
    const built = await build({ 'entry.js': source }, [localize, shortMessageIds({ parts: join(parts, 'components/locales/parts') })]);
    const { out } = (await import(`data:text/javascript,${encodeURIComponent(built)}`)) as { out: unknown[] };
    assert.deepEqual(out, [['Save', 'b'], ['Hi ', 'a'], ['Kept', 'app.kept']]);
  });
});
