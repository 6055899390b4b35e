#!/usr/bin/env node
// The structure figures the closing notes of refactoring issues report, before and after:
//   node scripts/metrics.js [folder]      (the repository root by default)
// - files over 600 lines and functions over 80 lines, in src/ and components/ (TypeScript,
//   locales left out), functions found with the TypeScript compiler (declarations, methods,
//   arrows and function expressions, each counted on its own lines, nested ones too);
// - pairs of places sharing six or more lines outside tests and locales, from the `duplicates`
//   tool when it is installed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? '.');
const FILE_LINES = 600;
const FUNCTION_LINES = 80;
const left = (path) => /(^|\/)(locales|generated)(\/|$)/.test(path) || path.endsWith('.d.ts');

function sources(folder) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !left(relative(root, path))) out.push(path);
    }
  };
  walk(join(root, folder));
  return out;
}

const files = [...sources('src'), ...sources('components')];
const longFiles = [];
const longFunctions = [];
for (const path of files) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').length;
  const name = relative(root, path);
  if (lines > FILE_LINES) longFiles.push(`${name} (${lines})`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      if (end - start + 1 > FUNCTION_LINES) {
        const label = node.name ? node.name.getText(source) : ts.isArrowFunction(node) && ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)';
        longFunctions.push(`${name}:${start + 1} ${label} (${end - start + 1})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

let duplicates = 'the duplicates tool is not installed';
try {
  const report = execFileSync('duplicates', ['--repo', root, '--most', '200', '--seconds', '180'], { encoding: 'utf8' });
  const rows = report.split('\n').filter((line) => /^D\d+ /.test(line));
  const inside = (place) => !/^(tests\/|.*\/locales\/)/.test(place);
  const kept = rows.filter((row) => {
    const [, a, , b] = row.split(' ');
    return inside(a ?? '') && inside(b ?? '');
  });
  const more = /\(\+(\d+) more pairs\)/.exec(report);
  duplicates = `${kept.length} of ${rows.length} listed pairs${more ? ` (+${more[1]} not listed)` : ''}`;
  if (process.argv.includes('--list')) duplicates += `\n  ${kept.join('\n  ')}`;
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}

console.log(`files read: ${files.length}`);
console.log(`files over ${FILE_LINES} lines: ${longFiles.length}\n  ${longFiles.join('\n  ')}`);
console.log(`functions over ${FUNCTION_LINES} lines: ${longFunctions.length}\n  ${longFunctions.join('\n  ')}`);
console.log(`duplicate pairs outside tests and locales: ${duplicates}`);
