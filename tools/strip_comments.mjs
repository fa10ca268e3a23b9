#!/usr/bin/env node
// Strips the comments from the built site's JavaScript, in place. They are
// for the people and the type checker reading www/ (JSDoc types included),
// not for the phones that download the page: the first view's budget counts
// only code. Each comment goes with the blanks before it on its line; a
// comment over several lines leaves its line breaks, so that every line
// keeps its number (and automatic semicolon insertion its meaning).
// TypeScript's parser tells comments from strings, templates and regular
// expressions holding // or /*, and each file must still parse to the same
// program once stripped, or this fails (and with it the build).
//
// Usage: node tools/strip_comments.mjs FILE.js...
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

/** @param {string} name @param {string} text */
const parse = (name, text) => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

/** Where the literals are (strings, templates, regular expressions): [start, end] in order. */
function literals(source) {
  const found = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isRegularExpressionLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
      || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push([node.getStart(source), node.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.sort((a, b) => a[0] - b[0]);
}

/** The text without its comments. */
export function strip(name, text) {
  const kept = literals(parse(name, text));
  let out = '';
  let i = 0;
  let next = 0;
  while (i < text.length) {
    if (next < kept.length && i === kept[next][0]) {
      out += text.slice(i, kept[next][1]);
      i = kept[next][1];
      next += 1;
      continue;
    }
    const opening = text.slice(i, i + 2);
    if (opening !== '//' && opening !== '/*') {
      out += text[i];
      i += 1;
      continue;
    }
    const close = opening === '//' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
    const end = close < i + 2 ? text.length : close;
    const breaks = text.slice(i, end).split('\n').length - 1;
    out = out.replace(/[ \t]+$/, '');
    // A comment between two tokens on one line still parts them.
    const inLine = !breaks && out !== '' && !out.endsWith('\n') && !/^[\s]/.test(text.slice(end, end + 1) || '\n');
    out += breaks ? '\n'.repeat(breaks) : inLine ? ' ' : '';
    i = end;
  }
  return out;
}

/** The program as TypeScript prints it without comments: the same for a file and its stripped text. */
function program(name, text) {
  const source = parse(name, text);
  if (source.parseDiagnostics.length) {
    const [first] = source.parseDiagnostics;
    throw new Error(`${name}: ${ts.flattenDiagnosticMessageText(first.messageText, '\n')} (at ${first.start})`);
  }
  return ts.createPrinter({ removeComments: true }).printFile(source);
}

for (const name of process.argv.slice(2)) {
  const text = readFileSync(name, 'utf8');
  const stripped = strip(name, text);
  if (program(name, stripped) !== program(name, text)) {
    throw new Error(`${name}: stripping its comments would change the program`);
  }
  if (stripped.split('\n').length !== text.split('\n').length) throw new Error(`${name}: the lines moved`);
  writeFileSync(name, stripped);
}
console.log(`[yb] comments stripped from ${process.argv.length - 2} JavaScript files`);
