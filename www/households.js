// A village's households, for the batch tool: a sheet for each household of a
// batch file (one A4 page each, printed together) and the household lists
// kept on this device (localStorage: nothing is uploaded), exported and read
// back as CSV. Loaded only when the batch tool is used. The amounts are the
// engine's, as its results file writes them.
import { local } from './messages.js';
import { h, percent, yuan } from './render.js';
import { today } from './state.js';
import { tt } from './tools-messages.js';

/** The key under which the lists are kept: { [name]: { csv, saved } }. */
const STORE = 'yibao-households';

/**
 * @typedef {{ csv: string, saved: string }} SavedList a list's table as it was
 * typed or read, and when it was saved (YYYY-MM-DD)
 */

/**
 * The lists kept on this device (none where storage is off or what is kept is not a list).
 * @returns {Record<string, SavedList>}
 */
export function savedLists() {
  try {
    const lists = JSON.parse(localStorage.getItem(STORE) || '{}');
    return lists && typeof lists === 'object' && !Array.isArray(lists) ? lists : {};
  } catch {
    return {};
  }
}

/**
 * Keeps `csv` as the list `name` (replacing one of that name), or forgets
 * the list where `csv` is null. Throws where the browser keeps nothing
 * (private browsing, storage full).
 * @param {string} name
 * @param {string | null} csv
 */
export function keepList(name, csv) {
  const lists = savedLists();
  if (csv === null) delete lists[name];
  else lists[name] = { csv, saved: today() };
  localStorage.setItem(STORE, JSON.stringify(lists));
}

/**
 * A list as a CSV file to download (with a byte-order mark, so that Excel and
 * WPS read the Chinese), which the batch tool reads back.
 * @param {string} csv
 */
export const csvFile = (csv) => URL.createObjectURL(new Blob(['\uFEFF', csv.replace(/^\uFEFF/, '')], { type: 'text/csv;charset=utf-8' }));

/**
 * The rows of a table as the batch reads it (docs/batch.md): commas, or the
 * tabs (a spreadsheet's paste) or semicolons of a header without commas;
 * lines ending in LF, CRLF or CR; quoted fields as RFC 4180 writes them.
 * @param {string} text
 * @returns {string[][]}
 */
export function tableRows(text) {
  const body = text.replace(/^\uFEFF/, '');
  const head = body.slice(0, body.search(/[\r\n]|$/));
  const separator = head.includes(',') ? ',' : ['\t', ';'].find((s) => head.includes(s)) || ',';
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') field += body[(i += 1)];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i += 1;
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim()));
}

/**
 * One sheet per computed household: the input row as the file writes it and
 * the engine's results (`results`: the batch's output in English, whose header
 * is the column ids), each an A4 page when printed.
 * @param {Lang} lang
 * @param {PolicyInfo[]} catalogue
 * @param {string} input the batch file's text
 * @param {string} results the batch's output (English headers)
 */
export function householdSheets(lang, catalogue, input, results) {
  const [inputHead, ...inputRows] = tableRows(input);
  const [head, ...rows] = tableRows(results);
  const at = Object.fromEntries(head.map((id, i) => [id, i]));
  const date = today();
  return rows.flatMap((row, i) => {
    if (row[at.error_column] || row[at.error]) return [];
    const policy = catalogue.find((p) => p.id === row[at.policy]);
    const version = policy?.versions.find((v) => v.label === row[at.version]);
    /** @type {(list: Named[] | undefined, id: string) => string} */
    const named = (list, id) => {
      const found = list?.find((x) => x.id === id);
      return found ? local(lang, found) : id;
    };
    const layers = (version?.layers || []).filter((l) => row[at[l.id]]);
    const assumed = row[at.assumed] ? row[at.assumed].split(' ').length : 0;
    // The row as the file writes it, an id of the version's lists in words.
    const choices = version ? [version.schemes, version.categories, version.levels, version.settings, version.diseases,
      version.outpatient_kinds].flat() : [];
    const given = inputHead.map((name, j) => [name.trim(), (inputRows[i]?.[j] || '').trim()]).filter(([, value]) => value)
      .map(([name, value]) => [name, named(choices, value)]);
    return [h('article', { class: 'sheet household-sheet', 'data-household': row[0] },
      h('h3', {}, tt(lang, 'sheetTitle'), ' · ', tt(lang, 'householdId', { id: row[0] })),
      h('p', {}, policy ? local(lang, policy) : row[at.policy], ' · ', version?.label || row[at.version], ' · ',
        named(version?.categories, row[at.category])),
      h('dl', { class: 'given' }, given.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
      h('p', { class: 'you-pay' }, tt(lang, 'householdPays'), ' ', h('strong', {}, `¥${yuan(row[at.out_of_pocket])}`)),
      h('table', { class: 'layers' },
        h('tbody', {},
          h('tr', { class: 'total' }, h('th', { scope: 'row' }, tt(lang, 'totalCost')), h('td', {}, yuan(row[at.total]))),
          layers.map((l) => h('tr', {}, h('th', { scope: 'row' }, local(lang, l)), h('td', {}, yuan(row[at[l.id]])))),
          h('tr', { class: 'oop' }, h('th', { scope: 'row' }, tt(lang, 'oopYuan')), h('td', {}, yuan(row[at.out_of_pocket]))),
          h('tr', {}, h('th', { scope: 'row' }, tt(lang, 'shareReimbursed')), h('td', {}, percent(row[at.effective_ratio]))))),
      assumed ? h('p', { class: 'help warn' }, tt(lang, 'householdAssumed', { n: assumed })) : null,
      h('p', { class: 'help' }, tt(lang, 'householdDate', { date }), ' · ', tt(lang, 'disclaimer')))];
  });
}
