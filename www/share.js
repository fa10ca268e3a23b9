// Sharing and printing: the inputs in words, the plain-text summary copied
// for a chat, the picture to send (picture.js, loaded on use), and the print
// button (the household sheet, then the browser's print dialog; app.css lays
// out the printed page).
import { MESSAGES, local, t } from './messages.js';
import { $, h, shareText } from './render.js';
import { page, today, versionOf } from './state.js';
import { openTool } from './tabs.js';

/**
 * The inputs of `estimate`, made from `request`, in words, for the printed
 * page, the sheet and the shared text; the last line is the date.
 * @param {Estimate} estimate
 * @param {EngineRequest} request
 */
export function inputLines(estimate, request) {
  const { state, catalogue } = page;
  const lang = state.lang;
  const { policy, version } = versionOf(catalogue, estimate);
  /** @type {(list: Named[], id: string | undefined) => string} */
  const named = (list, id) => local(lang, list.find((x) => x.id === id) || { name_zh: String(id), name_en: String(id) });
  const settings = /** @type {Record<string, string>} */ (MESSAGES[lang].settings);
  /** @type {(setting: string | undefined) => string} */
  const where = (setting) => (setting && Object.hasOwn(settings, setting) ? settings[setting] : setting ?? '');
  /** @type {(parts: (string | undefined)[]) => string} */
  const line = (parts) => parts.filter(Boolean).join(t(lang, 'detailSep'));
  /** @type {(cost: Cost, item: string) => { compliant?: string, outOfPolicy?: string }} */
  const parts = (cost, item) => {
    // A total: its parts as the estimate split it.
    const split = estimate.splits?.find((x) => x.item === item) ?? cost;
    return { compliant: split.compliant, outOfPolicy: split.out_of_policy };
  };
  return [
    `${local(lang, policy)} · ${version.label}`,
    `${named(version.schemes, state.scheme)} · ${named(version.categories, state.category)}${state.age ? ` · ${t(lang, 'age')} ${state.age}` : ''}`,
    ...request.admissions.map((s, i) => line([t(lang, 'stayLine', { n: i + 1, level: named(version.levels, s.level),
      ...parts(s, `admissions[${i}]`) }), where(s.setting), s.disease && named(version.diseases, s.disease)])),
    ...(request.outpatient ?? []).map((o, i) => line([t(lang, 'outpatientLine', { n: i + 1, kind: named(version.outpatient_kinds, o.kind),
      level: named(version.levels, o.level), ...parts(o, `outpatient[${i}]`) }),
    o.disease && named(version.diseases, o.disease), o.visits && t(lang, 'visitsLine', { visits: o.visits }), where(o.setting)])),
    t(lang, 'printed', { date: today() }),
  ];
}

/** Copies the plain-text summary; old WebViews without the clipboard API get a selected text box. */
export async function share() {
  const { state, current } = page;
  const summary = /** @type {Estimate} */ (current.summary);
  const text = shareText(summary, state.lang, inputLines(summary, /** @type {EngineRequest} */ (current.request)).slice(0, -1), location.href);
  try {
    await navigator.clipboard.writeText(text);
    $('share-status').textContent = t(state.lang, 'copied');
  } catch {
    const box = h('textarea', { readonly: true, rows: '8', class: 'share-text', 'aria-label': t(state.lang, 'share') }, text);
    $('share-status').replaceChildren(t(state.lang, 'copyFailed'), box);
    box.select();
  }
}

/** The result as a picture to send (picture.js, loaded the first time); what stopped it is said. */
export function picture() {
  import('./picture.js').then((p) => p.show()).catch((error) => {
    $('share-status').textContent = t(page.state.lang, 'pictureFailed');
    console.warn('yibao: no picture:', error);
  });
}

/** The print button: the household sheet, then the browser's print dialog. */
export async function printSheet() {
  if (page.state.view !== 'sheet') await openTool('sheet');
  $('tools').scrollIntoView();
  window.print();
}
