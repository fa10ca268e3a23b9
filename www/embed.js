// Embedding (docs/embed.md), loaded only with ?embed=1. A host page frames
// `index.html?embed=1&…`, may send { type: 'yibao:set', state } and receives
// { type: 'yibao:result', estimate } after every estimate, or yibao:error;
// inside a WeChat mini-program web-view the brief estimate also goes to
// wx.miniProgram.postMessage, which WeChat hands to the mini-program only
// when the user leaves or shares the page. host.js checks a host's state
// before anything changes; it is loaded with the first yibao:set.
import { once, withPolicies } from './load.js';
import { both } from './messages.js';
import * as engine from './pkg/yibao.js';
import { h } from './render.js';
import { filledSections, moveTo, page } from './state.js';

/** @param {string} origin */
const known = (origin) => (origin === 'null' ? null : origin);

/**
 * WeChat's JSSDK (its `wx`), served from this origin, loaded only inside a
 * mini-program; null if it fails to load, which is not tried again.
 * @returns {Promise<any>}
 */
const weixin = () => once('vendor/jweixin.js', () => new Promise((resolve) => {
  const script = h('script', { src: new URL('vendor/jweixin.js', import.meta.url).href });
  script.addEventListener('load', () => resolve(/** @type {any} */ (window).wx));
  script.addEventListener('error', () => resolve(null));
  document.head.append(script);
}));

/**
 * The estimate in brief, for a host.
 * @param {Estimate} result
 */
function brief(result) {
  return {
    url: location.href,
    policy: result.policy,
    version: result.version,
    total: result.total,
    layers: result.layers.map((l) => ({ id: l.id, paid: l.paid })),
    out_of_pocket: result.out_of_pocket,
    effective_ratio: result.effective_ratio,
    assumptions: result.assumptions.map((a) => a.parameter),
  };
}

/**
 * Listens to the host: the messages that came before this module (`early`)
 * and those to come. Each yibao:set is applied in turn once the page is ready
 * (`ready()`, which also says yibao:ready), then redrawn by `redraw`.
 * @param {MessageEvent[]} early
 * @param {() => Problem | null} redraw translates, rebuilds the form and updates; what stopped the estimate
 */
export function listen(early, redraw) {
  const framed = window.parent !== window;
  const inMiniProgram = /** @type {any} */ (window).__wxjs_environment === 'miniprogram' || /miniProgram/i.test(navigator.userAgent);
  /** The framing page's origin, the only one posted to: the referrer's, else the first yibao:set's. */
  let hostOrigin = framed && document.referrer ? known(new URL(document.referrer).origin) : null;
  /** @param {object} message */
  const toHost = (message) => {
    if (framed && hostOrigin) window.parent.postMessage(message, hostOrigin);
  };
  /** @type {(value?: unknown) => void} */
  let open = () => {};
  /** Host messages are applied one at a time, in order, once the engine and the form are ready. */
  let turn = new Promise((resolve) => { open = resolve; });

  /**
   * Applies a host's state once host.js has checked all of it; what cannot be computed is answered with yibao:error.
   * @param {any} given
   */
  async function setFromHost(given) {
    let next;
    try {
      const checked = (await once('host.js', () => import('./host.js'))).hostState(given, page.state, page.catalogue);
      if (checked.error) return toHost({ type: 'yibao:error', ...checked.error });
      next = /** @type {Partial<State>} */ (checked.state);
      await withPolicies('pkg', engine, [/** @type {string} */ (next.policy)]);
    } catch {
      return toHost({ type: 'yibao:error', field: 'state', ...both('dataFailed') });
    }
    // Replaced figures not given are kept, or dropped under another region or version.
    if (!Object.hasOwn(given, 'overrides')) delete next.overrides;
    moveTo(next);
    if (Object.hasOwn(given, 'stays')) page.state.stays.forEach((_, i) => page.touched.add(`compliant-${i}`));
    // What the host gives in the form's optional sections is in sight.
    for (const section of filledSections(page.state)) page.sections.add(section);
    const problem = redraw();
    if (problem) toHost({ type: 'yibao:error', ...problem });
  }

  /**
   * A yibao:set from the parent window (and from the host's origin, once known).
   * @param {MessageEvent} event
   */
  const onMessage = (event) => {
    if (!framed || event.source !== window.parent || event.data?.type !== 'yibao:set') return;
    hostOrigin ??= known(event.origin);
    if (event.origin !== hostOrigin) return;
    turn = turn.then(() => setFromHost(event.data.state));
  };
  early.forEach(onMessage);
  window.addEventListener('message', onMessage);

  return {
    /** Says yibao:ready; from now on each estimate goes to the host. */
    ready() {
      toHost({ type: 'yibao:ready' });
      page.tellHost = (result) => {
        toHost({ type: 'yibao:result', estimate: brief(result) });
        if (inMiniProgram) weixin().then((wx) => wx?.miniProgram?.postMessage({ data: brief(result) }));
      };
    },
    /** Lets the host's messages in. */
    open,
  };
}
