// Loading, each thing once: files of the site (the catalogue, a region's
// data, a policy's figures), modules, the wasm engines and the policies each
// engine has loaded. A failure is forgotten, so that the next use tries again.

/** What has been made or asked for, by key: the one cache of the page and its tools. */
const made = new Map();

/**
 * What `make` gives, made once for `key` (forgotten if it fails).
 * @template T
 * @param {string} key
 * @param {() => Promise<T>} make
 * @returns {Promise<T>}
 */
export function once(key, make) {
  if (!made.has(key)) {
    const promise = make();
    promise.catch(() => made.delete(key));
    made.set(key, promise);
  }
  return made.get(key);
}

/**
 * A file of the site, fetched once and read by `read`.
 * @template T
 * @param {string} path relative to the page
 * @param {(response: Response) => Promise<T>} read
 */
export const fetchOnce = (path, read) => once(path, async () => {
  const response = await fetch(new URL(path, import.meta.url));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return read(response);
});

/**
 * A region's policy data, for either engine.
 * @param {string} id
 */
export const policyBytes = (id) => fetchOnce(`policies/${id}.bin`, async (r) => new Uint8Array(await r.arrayBuffer()));

/**
 * Loads the policies `ids` into an engine, each once.
 * @param {'pkg' | 'pkg-cadre'} dir the engine's folder
 * @param {{ loadPolicies(bytes: any): any }} engine
 * @param {string[]} ids
 */
export async function withPolicies(dir, engine, ids) {
  for (const id of ids) await once(`${dir}:${id}`, async () => engine.loadPolicies(await policyBytes(id)));
}

/** @typedef {typeof import('./pkg-cadre/yibao.js')} FullEngine */

/** The full engine once started, and the policies it has loaded. */
let full = /** @type {FullEngine | null} */ (null);
const fullPolicies = new Set();

/**
 * The full engine (pkg-cadre/): explanations, replaced figures and the
 * cadre's tools, with the policies `ids` loaded. The first module (pkg/)
 * computes amounts only, which keeps the first view small; this one is
 * fetched the first time a person asks for more (an explanation, a replaced
 * figure, a tool).
 * @param {string[]} ids
 * @returns {Promise<FullEngine>}
 */
export async function fullEngine(ids) {
  const engine = await once('pkg-cadre/yibao.js', () => import('./pkg-cadre/yibao.js'));
  await startEngine('pkg-cadre', engine.default);
  await withPolicies('pkg-cadre', engine, ids);
  full = engine;
  for (const id of ids) fullPolicies.add(id);
  return engine;
}

/**
 * The full engine if it is started with policy `id` loaded, else null.
 * @param {string} id
 */
export const fullReady = (id) => (fullPolicies.has(id) ? full : null);

/**
 * Starts the wasm module of folder `dir` once. Streaming compilation first;
 * some Android WebViews fail in instantiateStreaming even with the right
 * MIME type, so it falls back to bytes.
 * @param {'pkg' | 'pkg-cadre'} dir
 * @param {(init: { module_or_path: URL | ArrayBuffer }) => Promise<unknown>} init the module's default export
 */
export const startEngine = (dir, init) => once(dir, async () => {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
  const url = new URL(`${dir}/yibao_bg.wasm`, import.meta.url);
  try {
    await init({ module_or_path: url });
  } catch (streamingError) {
    const response = await fetch(url);
    if (!response.ok) throw streamingError;
    await init({ module_or_path: await response.arrayBuffer() });
  }
});
