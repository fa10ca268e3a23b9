// The cadre's tools on the page: a button for each, and the open one, drawn
// by tools.js (loaded with the larger wasm module of pkg-cadre/ only when a
// tool is opened) and redrawn after every change.
import { once } from './load.js';
import { MESSAGES, TOOLS, t } from './messages.js';
import { $, fill, h } from './render.js';
import { page, saveState } from './state.js';

/** A button for each tool, the open one pressed. */
export function renderTabs() {
  const { view, lang } = page.state;
  fill($('tool-tabs'), TOOLS.map((id) => h('button', { type: 'button', class: 'tab', 'data-tool': id,
    'aria-pressed': String(view === id) }, MESSAGES[lang].tools[id])));
  $('tools').hidden = false;
  document.documentElement.dataset.tool = view;
}

/**
 * What the tools get of the page.
 * @returns {ToolContext}
 */
function toolContext() {
  const { state, catalogue, current } = page;
  return { state, catalogue, request: current.request, summary: current.summary, blocked: current.blocked,
    container: $('tool'), lang: state.lang };
}

/** Draws the open tool (at most once a frame). Resolves once it is drawn. */
export function refreshTool() {
  if (!page.state.view) return Promise.resolve();
  cancelAnimationFrame(page.timers.tool);
  return new Promise((resolve) => {
    page.timers.tool = requestAnimationFrame(async () => {
      try {
        const tools = await once('tools.js', () => import('./tools.js'));
        await tools.show(page.state.view, toolContext());
      } catch (error) {
        fill($('tool'), h('p', { class: 'status error' }, t(page.state.lang, 'toolsFailed')));
        console.warn('yibao: tool failed:', error);
      }
      resolve(undefined);
    });
  });
}

/**
 * Opens tool `id`, or closes it if it is open.
 * @param {string} id
 */
export function openTool(id) {
  const { state } = page;
  state.view = state.view === id ? '' : id;
  saveState();
  renderTabs();
  if (!state.view) {
    $('tool').replaceChildren();
    delete $('tool').dataset.view;
  }
  return refreshTool();
}
