// A host page's messages to the embedded page (docs/embed.md): each
// yibao:set checked whole before anything changes. Loaded only when a host
// sends one, so that a resident's first view does not carry it.
import { MESSAGES, lookup } from './messages.js';
import { clip, unknownIds } from './state.js';

// The answers' texts, after the name of the field at fault; the ids' own
// messages (an unknown policy, a day that does not exist) are the page's.
const zh = {
  ...MESSAGES.zh,
  hostObject: '应为对象，例如 { "policy": "fuxin" }',
  hostStay: '应为对象，例如 { "level": "county", "compliant": "12000" }',
  hostField: '没有这个字段；可用的字段：{allowed}',
  hostText: '应为文字，不超过 100 个字符',
  hostLang: '应为 "zh" 或 "en"',
  hostStays: '应为 1 到 100 次住院的列表，每次是 { level, compliant, outOfPolicy, setting, disease }',
  hostOutpatient: '应为不超过 100 项门诊费用的列表，每项是 { kind, disease, level, setting, visits, compliant, outOfPolicy }',
  hostOutpatientItem: '应为对象，例如 { "kind": "general", "level": "township", "compliant": "1200" }',
  hostValue: '应为文字（不超过 100 个字符）或数字',
  hostOverrides: '应为对象 { 参数名: "数值" }，最多 50 项',
  hostParameter: '“{parameter}”不是参数名（参数名如 critical_illness.threshold）',
};

/** @type {typeof zh} */
const en = {
  ...MESSAGES.en,
  hostObject: 'expected an object, e.g. { "policy": "fuxin" }',
  hostStay: 'expected an object, e.g. { "level": "county", "compliant": "12000" }',
  hostField: 'no such field; the fields are: {allowed}',
  hostText: 'expected text of at most 100 characters',
  hostLang: 'expected "zh" or "en"',
  hostStays: 'expected a list of 1 to 100 stays, each { level, compliant, outOfPolicy, setting, disease }',
  hostOutpatient: 'expected a list of at most 100 outpatient costs, each { kind, disease, level, setting, visits, compliant, outOfPolicy }',
  hostOutpatientItem: 'expected an object, e.g. { "kind": "general", "level": "township", "compliant": "1200" }',
  hostValue: 'expected text (at most 100 characters) or a number',
  hostOverrides: 'expected an object { parameter: "value" } of at most 50 entries',
  hostParameter: '“{parameter}” is not a parameter name (such as critical_illness.threshold)',
};

const TEXTS = { zh, en };

const HOST_FIELDS = ['policy', 'date', 'scheme', 'category', 'age', 'stays', 'outpatient', 'overrides', 'lang'];
const STAY_FIELDS = ['level', 'compliant', 'outOfPolicy', 'setting', 'disease'];
const OUTPATIENT_FIELDS = ['kind', 'disease', 'level', 'setting', 'visits', 'compliant', 'outOfPolicy'];
/** A parameter as the policies name their figures: critical_illness.segments[0].up_to. */
const PARAMETER = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*|\[\d{1,3}\])*$/;
/** @type {(x: unknown) => x is Record<string, unknown>} */
const plain = (x) => typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
/** @type {(x: unknown) => x is string} */
const text = (x) => typeof x === 'string' && x.length <= 100;
/** Text, or a finite number (read as JS writes it: 60000 → "60000"). */
/** @type {(x: unknown) => x is string | number} */
const typed = (x) => text(x) || (typeof x === 'number' && Number.isFinite(x));

/**
 * A host's `yibao:set` state, checked whole: { state } with the page's next
 * state (`state` itself is left as it is), or { error: { field, message_zh,
 * message_en } } for the first thing wrong. Nothing is walked deeper than the
 * documented shape, so a cyclic or deeply nested message is refused at once.
 * @param {unknown} given
 * @param {State} state
 * @param {PolicyInfo[]} catalogue
 * @returns {{ state: State, error?: undefined } | { error: Problem, state?: undefined }}
 */
export function hostState(given, state, catalogue) {
  /** @type {(field: string, key: keyof typeof zh, values?: Record<string, string>) => { error: Problem }} */
  const wrong = (field, key, values = {}) => ({ error: { field: field ? `state.${field}` : 'state',
    message_zh: lookup(TEXTS, 'zh', key, values), message_en: lookup(TEXTS, 'en', key, values) } });
  if (!plain(given)) return wrong('', 'hostObject');
  /** @param {string} key */
  const has = (key) => Object.hasOwn(given, key);
  const stray = Object.keys(given).find((key) => !HOST_FIELDS.includes(key));
  if (stray !== undefined) return wrong(clip(stray), 'hostField', { allowed: HOST_FIELDS.join(', ') });
  const next = { ...state };
  for (const key of /** @type {const} */ (['policy', 'date', 'scheme', 'category', 'age'])) {
    if (!has(key)) continue;
    const value = given[key];
    if (!text(value)) return wrong(key, 'hostText');
    next[key] = value;
  }
  if (has('lang')) {
    if (given.lang !== 'zh' && given.lang !== 'en') return wrong('lang', 'hostLang');
    next.lang = given.lang;
  }
  /**
   * A list of costs: each an object of `fields` only, each value text or a number; null if all is well.
   * @param {'stays' | 'outpatient'} list
   * @param {string[]} fields
   * @param {(values: string[]) => void} add
   */
  const costs = (list, fields, add) => {
    for (const [i, item] of /** @type {unknown[]} */ (given[list]).entries()) {
      if (!plain(item)) return wrong(`${list}[${i}]`, list === 'stays' ? 'hostStay' : 'hostOutpatientItem');
      const strayKey = Object.keys(item).find((key) => !fields.includes(key));
      if (strayKey !== undefined) return wrong(`${list}[${i}].${clip(strayKey)}`, 'hostField', { allowed: fields.join(', ') });
      const values = fields.map((key) => item[key] ?? '');
      const bad = values.findIndex((v) => !typed(v));
      if (bad >= 0) return wrong(`${list}[${i}].${fields[bad]}`, 'hostValue');
      add(values.map(String));
    }
    return null;
  };
  // Amounts go into the form as typed, and are read (and refused) there.
  if (has('stays')) {
    const stays = given.stays;
    if (!Array.isArray(stays) || stays.length === 0 || stays.length > 100) return wrong('stays', 'hostStays');
    next.stays = [];
    const bad = costs('stays', STAY_FIELDS, ([level, compliant, outOfPolicy, setting, disease]) => next.stays.push({ level,
      compliant: '', outOfPolicy: '', setting: setting === 'local' ? '' : setting, disease, compliantText: compliant, outOfPolicyText: outOfPolicy }));
    if (bad) return bad;
  }
  if (has('outpatient')) {
    const outpatient = given.outpatient;
    if (!Array.isArray(outpatient) || outpatient.length > 100) return wrong('outpatient', 'hostOutpatient');
    next.outpatient = [];
    const bad = costs('outpatient', OUTPATIENT_FIELDS, ([kind, disease, level, setting, visits, compliant, outOfPolicy]) => next.outpatient.push({
      kind, disease, level, setting: setting === 'local' ? '' : setting, visits, compliant: '', outOfPolicy: '', compliantText: compliant, outOfPolicyText: outOfPolicy }));
    if (bad) return bad;
  }
  if (has('overrides')) {
    const overrides = given.overrides;
    if (!plain(overrides)) return wrong('overrides', 'hostOverrides');
    const entries = Object.entries(overrides);
    if (entries.length > 50) return wrong('overrides', 'hostOverrides');
    for (const [parameter, value] of entries) {
      if (parameter.length > 100 || !PARAMETER.test(parameter)) return wrong('overrides', 'hostParameter', { parameter: clip(parameter) });
      if (!typed(value)) return wrong(`overrides.${parameter}`, 'hostValue');
    }
    next.overrides = Object.fromEntries(entries.map(([parameter, value]) => [parameter, String(value)]));
  }
  // The ids the message gives, in the policy version it asks for.
  const asked = { policy: next.policy, date: next.date, scheme: has('scheme') ? next.scheme : undefined,
    category: has('category') ? next.category : undefined, stays: has('stays') ? next.stays : [],
    outpatient: has('outpatient') ? next.outpatient : [] };
  const [unknown] = unknownIds(asked, catalogue);
  return unknown ? wrong(unknown[0], /** @type {keyof typeof zh} */ (unknown[1]), { value: unknown[2] }) : { state: next };
}
