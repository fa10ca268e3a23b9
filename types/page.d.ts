// The shapes the page's JavaScript (www/*.js) works with, for `tsc` only: the
// page never loads this file and the build does not ship it. The engine's
// functions come typed from the .d.ts that wasm-bindgen writes next to each
// module (target/wasm/pkg*/yibao.d.ts), where every value is `any`; what the
// values hold is written here, after the engine's JSON (src/catalog.rs,
// src/engine/, src/analysis/).

type Lang = 'zh' | 'en';

/** What `h` and `fill` (www/render.js) take as children: a list is flattened one level, empty ones skipped. */
type Child = Node | string | null | undefined | false;
type Children = Child | Child[];

/** An object that has a text in each language: `name_zh` and `name_en` (or `message_…`, `reason_…`). */
type Bilingual<K extends string = 'name'> = { [P in `${K}_${Lang}`]: string };

/** The engine's error, and our own messages in the same shape. */
interface EngineError extends Bilingual<'message'> { field?: string }

// ---- The catalogue (policies/index.json, written by `yibao bake`) ----

interface Named extends Bilingual { id: string }

/** A disease of a version's list, with the layers whose rules name it. */
interface DiseaseInfo extends Named { benefits: string[] }

interface VersionInfo {
  label: string;
  valid_from: string;
  valid_to: string;
  schemes: Named[];
  categories: Named[];
  levels: Named[];
  layers: Named[];
  /** The version reads the age: the highest age its rules apply up to (a children's deductible, outpatient pooling for minors). */
  age_up_to: string | null;
  diseases: DiseaseInfo[];
  /** The kinds of outpatient care the version pays for (general, chronic, special). */
  outpatient_kinds: Named[];
  /** `local` first, then the settings of care away from home the version pays differently. */
  settings: Named[];
}

interface PolicyInfo extends Bilingual, Bilingual<'province'>, Bilingual<'place'> {
  id: string;
  versions: VersionInfo[];
}

// ---- A request and its estimate ----

/** A cost: its compliant and out-of-policy parts, or its total only (the engine splits it). */
type Cost = { compliant: string; out_of_policy: string; total?: undefined } | { total: string; compliant?: undefined; out_of_policy?: undefined };

type Admission = Cost & { level: string; setting?: string; disease?: string };

/** A year's outpatient cost of one kind (the engine's `outpatient` item). */
type OutpatientRequest = Cost & {
  kind: string;
  disease?: string;
  level: string;
  setting?: string;
  visits?: string;
};

interface EngineRequest {
  policy: string;
  date: string | null;
  scheme: string;
  category: string;
  age: string | null;
  admissions: Admission[];
  outpatient?: OutpatientRequest[];
  overrides: Record<string, string>;
  explain?: boolean;
}

/** Another value a figure's source allows, which the user may switch to (as an override of the figure). */
interface OtherReading extends Bilingual<'reading'> { value: string }

/** A figure an estimate used: cited from a source text, assumed (with why), or the user's. */
type Figure = { parameter: string; value: string; other?: OtherReading } & (
  | ({ origin: 'cited'; source: string; quote: string; reading?: string; reading_en?: string } & Bilingual<'cited'>)
  | ({ origin: 'assumed' } & Bilingual<'reason'>)
  | { origin: 'overridden'; policy_value: string });

interface Step { zh: string; en: string; formula: string; figures: number[] }

interface Layer extends Bilingual { id: string; paid: string; paid_out_of_policy: string; steps: Step[] }

interface Assumption extends Bilingual<'reason'> { parameter: string; value: string; other?: OtherReading }

interface Estimate extends Bilingual<'policy_name'> {
  policy: string;
  version: string;
  valid_from: string;
  valid_to: string;
  /** Why the version may no longer be the rules in force: the date is after its end, or more than three years after its start. */
  out_of_date?: 'after_end' | 'old';
  scheme: string;
  category: string;
  total: string;
  /** The costs given as their total only, each as split (absent when none). */
  splits?: Split[];
  layers: Layer[];
  out_of_pocket: { total: string; compliant: string; out_of_policy: string };
  effective_ratio: string;
  assumptions: Assumption[];
  /** Indexed by each step's `figures` (explained estimates only). */
  figures: Figure[];
  unused_overrides: ({ parameter: string } & Bilingual<'message'>)[];
  /** Averages a source reports: shown beside the estimate, never as it. */
  reported: Reported[];
}

/** A total split by the version's compliant share (`parameter`, e.g. compliant_share.county, = `share`). */
interface Split { item: string; total: string; parameter: string; share: string; compliant: string; out_of_policy: string }

/** A reported average (`source`: file:line, for cadres; people read `cited_*`: 《title》number，第 N 行). */
interface Reported extends Bilingual<'what'>, Bilingual<'cited'> { value: string; source: string; quote: string }

// ---- The page's state ----

/** One hospital stay as the form has it: amounts normalised ('' when not read), and as typed; '' for a local stay, for no disease. */
interface Stay {
  level: string;
  compliant: string;
  outOfPolicy: string;
  setting: string;
  disease: string;
  compliantText?: string;
  outOfPolicyText?: string;
  /** Only the total is known (then compliant and outOfPolicy are ''). */
  total?: string;
  totalText?: string;
}

/** A year's outpatient cost as the form has it (visits as typed, '' when not given). */
interface Outpatient {
  kind: string;
  level: string;
  compliant: string;
  outOfPolicy: string;
  disease: string;
  setting: string;
  visits: string;
  compliantText?: string;
  outOfPolicyText?: string;
  total?: string;
  totalText?: string;
}

/** The form's optional sections: outpatient and chronic care, care away from home. */
type Section = 'outpatient' | 'away';

/** What the link holds (www/state.js reads and writes it). */
interface State {
  policy: string | undefined;
  date: string;
  scheme: string | undefined;
  category: string | undefined;
  age: string;
  stays: Stay[];
  outpatient: Outpatient[];
  overrides: Record<string, string>;
  /** Replaced figures whose values the link does not give (the sender's page refused them). */
  withheld: string[];
  lang: Lang;
  embed: boolean;
  view: string;
  curveMax: string;
  compareWith: string;
  inspect: string;
}

/** A replaced figure the engine refused: its name ('' if the error names another figure), and the error. */
interface Refusal { parameter: string; error: EngineError }

/** What stopped an estimate, named as in a host message (`state.…`). */
interface Problem extends Bilingual<'message'> { field: string }

/** Everything of the page that changes, in one place (www/state.js: `page`). */
interface Page {
  state: State;
  catalogue: PolicyInfo[];
  /** The last request that computed, its estimate and, once asked for, the explained one; or `blocked`: something is wrong. */
  current: { request: EngineRequest | null; summary: Estimate | null; explained: Estimate | null; blocked: boolean };
  refused: Refusal | null;
  /** The version the user left for another, whose option names say what the new one lacks. */
  previous: VersionInfo | undefined;
  /** The replaced figures dropped on leaving a region or version, said in the form. */
  cleared: { key: 'clearedRegion' | 'clearedVersion'; figures: [string, string][] } | null;
  /** Replaced figures the link leaves to the user (→ what is said at each), until each is typed or restored. */
  unsettled: Map<string, Bilingual<'message'>>;
  /** Amount fields the user has typed in (an empty one of these is an error, not a prompt). */
  touched: Set<string>;
  /** The form's optional sections that are open. */
  sections: Set<Section>;
  /** Set by embed.js when the page is embedded: tells the host each estimate. */
  tellHost: ((result: Estimate) => void) | null;
  /** Pending timers: the screen reader's sentence, the open tool's redraw. */
  timers: { announce: number; tool: number };
}

/** What the cadre's tools (www/tools.js) get of the page. */
interface ToolContext {
  state: State;
  catalogue: PolicyInfo[];
  request: EngineRequest | null;
  summary: Estimate | null;
  blocked: boolean;
  container: HTMLElement;
  lang: Lang;
}
