// Every text of the page, in zh-CN here and in English in messages-en.js,
// which a Chinese page never loads (the cadre's tools have theirs in
// tools-messages.js, loaded with them; `{name}` marks a value filled in at run
// time), and the two helpers that pick a language: `t` for these texts,
// `local` for the engine's and the catalogue's (`name_zh`/`name_en`, …).
import { once } from './load.js';

const zh = {
  title: '医保报销测算',
  tagline: '看病前先算一算：各项医疗保障报销以后，自己还要付多少钱。',
  language: 'English',
  languageLabel: '切换到英文',
  englishFailed: '无法加载英文界面，请检查网络后再试。',
  province: '省份',
  policy: '市、县',
  withVersions: '{name}（{labels}）',
  wholeProvince: '全省',
  date: '就医日期',
  dateHelp: '按这一天有效的政策计算，默认是今天。',
  scheme: '参加的医保',
  category: '人员类别',
  child: '患者未满 18 岁',
  age: '年龄（岁）',
  ageHelp: '该政策对儿童另有起付线。',
  stays: '住院',
  stay: '第 {n} 次住院',
  level: '医院级别',
  compliant: '合规医疗费用（元）',
  compliantHelp: '医保目录内、可以报销的费用（合规费用）。可以写 12000、12,000 或 1.2万。',
  outOfPolicy: '目录外费用（元）',
  outOfPolicyHelp: '医保目录外、需要自费的药品和项目（自费费用）；没有就填 0。',
  byTotal: '只知道总费用',
  totalCost: '总费用（元）',
  yearTotal: '全年总费用（元）',
  totalHelp: '结算单上的总金额，按这一级医院合规费用的常见比例拆分（假设，结果里可改）。',
  addStay: '再加一次住院',
  removeStay: '删除这次住院',
  outpatientTitle: '门诊和慢性病',
  outpatientHint: '全年看门诊的花费，包括慢性病（如{examples}）在门诊看病拿药的钱。',
  outpatientHintGeneral: '全年看门诊的花费。',
  outpatientItem: '第 {n} 项门诊费用',
  kind: '哪种门诊',
  kinds: {
    general: '普通门诊（看小病、拿药）',
    chronic: '慢性病门诊（长期看病拿药）',
    special: '特殊病门诊（如透析、放化疗）',
  },
  disease: '什么病',
  yearCompliant: '全年合规费用（元）',
  yearCompliantHelp: '这一年看这种门诊花的、医保目录内的钱，加在一起填。',
  yearOutOfPolicy: '全年目录外费用（元）',
  visits: '看了几次（可以不填）',
  visitsHelp: '有的地方每次看门诊先自付一点，按次数算；不填按 1 次算。',
  addOutpatient: '再加一项门诊费用',
  removeOutpatient: '删除这项门诊费用',
  awayTitle: '在外地看病',
  awayTitleDiseases: '在外地看病、所患病种',
  awayHint: '住院不在本地（转诊、自己去外地看病）时选择。',
  awayHintDiseases: '住院不在本地，或住院看的病在政策的病种名单上（如{examples}）时选择。',
  filled: '已填 {n} 项',
  setting: '在哪里看的',
  settings: {
    local: '在本地看',
    referred: '转诊到外地（有转诊单）',
    elsewhere_registered: '去外地，办了备案',
    elsewhere_unregistered: '去外地，没办备案',
  },
  notDistinguished: '{setting}（按本地算）',
  settingHelp: '标着“按本地算”的，这项政策没有单独规定，按在本地看病计算。',
  settingAssumed: '政策原文没有这种情况的报销规定，这里按在本地看病计算；当地的实际规定可能不同（例如报销比例更低）。',
  stayDisease: '住院看的什么病（可以不选）',
  stayDiseaseHelp: '病在政策的名单上才选：名单上的病可能报销更多。',
  noDisease: '不选（不在名单上）',
  listSep: '、',
  loading: '正在加载计算模块…',
  loadingExplanation: '正在加载测算说明…',
  loadingFull: '正在加载完整的计算模块…',
  fullFailed: '无法加载完整的计算模块，请检查网络后再试。',
  loadFailed: '无法加载计算模块。请把微信或手机浏览器更新到最新版本，或点右上角“…”选择“在浏览器中打开”。',
  dataFailed: '无法加载政策数据，请检查网络后刷新页面。',
  fixFields: '请先改正上面标红的内容。',
  fixFigure: '请改正下面标红的数字，或点“恢复”；改好之前不计算。',
  choose: '请选择…',
  unknownPolicy: '没有“{value}”这个地区，请选择。',
  unknownChoice: '所选地区和日期的政策没有“{value}”这一项，请另选一项。',
  badDate: '没有“{value}”这一天，请重新选择日期。',
  repeated: '链接里这个数字有多个值（{values}）。请确认后按回车，或点“恢复”。',
  withheld: '发出链接时这个数字没有通过检查，请重新填写，或点“恢复”用政策的数字。',
  clearedRegion: '换了地区：您改过的数字（{figures}）属于原来的地区，已清除。',
  clearedVersion: '换了政策年份：您改过的数字（{figures}）属于原来的年份，已清除。',
  conflict: '您改的数字与 {parameter} 冲突：{message}',
  enterCost: '填上合规医疗费用，马上就能看到各项报销和自己要付的钱。',
  youPay: '您自己需要支付',
  stop: '。',
  oldPolicy: '这是 {year} 年的政策，现在可能已经调整，请以当地医保部门为准，咨询电话 12393。',
  afterEnd: '所选日期晚于最新一版（{from} 至 {to}），按这一版计算。',
  total: '总费用',
  layer: '保障',
  paid: '支付',
  outOfPocket: '个人自付',
  ofWhichCompliant: '个人自付的 {total} 元中：合规费用里自付的 {compliant} 元，目录外费用 {outOfPolicy} 元',
  splitLine: '{item}：总费用 {total} 元，按合规费用约占 {share} 估算为合规费用 {compliant} 元、目录外费用 {outOfPolicy} 元（假设，见下）',
  ratio: '各项保障共报销 {ratio}',
  barLabel: '总费用 {total} 元的分担',
  explain: '怎么算的：{layer} {paid}',
  assumptions: '以下数字原文没有给出，是假设；可以改成当地的实际数字：',
  changeFigure: '改为当地数字：',
  yourFigure: '您填写的数字',
  replaced: '您改过的数字：',
  restore: '恢复',
  assumed: '假设',
  tag: '［{text}］',
  cited: '出处：{source}：',
  readAs: '（理解：{reading}）',
  overridden: '您填写的数值',
  pair: '{label}：{text}',
  otherReading: '另一种理解：{value}（{reading}）',
  useOther: '按这种理解算',
  usingOther: '按另一种理解：{reading}；原来的理解是 {value}',
  inputAssumed: '计算时作了以下假设：',
  reported: '据报道：{what}约 {value}（出处：{source}：“{quote}”）。这是报道的平均水平，不是这次测算，也不是每次看病都能报销这么多。',
  yuan: '元',
  version: '{label} 版政策（{from} 至 {to}）',
  privacy: '全部计算都在您的手机上完成，不上传任何数据。',
  share: '复制分享内容',
  print: '打印',
  copied: '已复制，可以粘贴到微信聊天里。',
  copyFailed: '无法复制，请长按下面的文字手动复制。',
  shareTitle: '【医保报销测算】',
  shareVersion: '{policy}（{version}）',
  shareRatio: '（{ratio}）',
  shareAssumed: '部分数字是假设，请以当地实际为准。',
  shareLink: '查看明细：',
  picture: '生成图片',
  pictureHint: '长按图片保存或发送给朋友',
  pictureDownload: '下载图片',
  pictureScan: '扫码查看明细',
  pictureFailed: '无法生成图片，请检查网络后再试。',
  forReference: '测算仅供参考',
  stayLine: '第 {n} 次住院：{level}，合规费用 {compliant} 元，目录外费用 {outOfPolicy} 元',
  outpatientLine: '第 {n} 项门诊：{kind}，{level}，全年合规费用 {compliant} 元，目录外费用 {outOfPolicy} 元',
  visitsLine: '{visits} 次',
  detailSep: '，',
  printed: '测算日期：{date}',
  toolsTitle: '给村干部的工具',
  tools: {
    categories: '各类人员对比',
    curve: '费用变化曲线',
    compare: '政策年份/地区对比',
    year: '全年多次住院',
    sheet: '打印测算单',
    batch: '批量计算',
    policies: '政策数字一览',
  },
  toolsFailed: '无法加载这个工具，请检查网络后再试。',
  categories: {
    ordinary: '普通参保人：参加基本医保的一般居民或职工',
    registered_poor: '建档立卡贫困人口：扶贫部门登记在册的贫困家庭成员',
    extreme_poor: '特困人员：无劳动能力、无生活来源、由政府供养的人员',
    dibao: '低保对象：享受最低生活保障的家庭成员',
    low_income: '低收入家庭成员：收入略高于低保标准、经民政部门认定的家庭成员',
    illness_poor: '因病致贫人员：因医疗费用过高陷入困难、经认定的人员',
  },
};


/** @typedef {typeof zh} Texts */

/**
 * The page's texts by language. The English are the Chinese until
 * `english()` has loaded them: the page loads them before it draws anything
 * in English.
 * @type {Record<Lang, Texts>}
 */
export const MESSAGES = { zh, en: zh };

/** Loads the English texts, once (a failure is tried again on the next call). */
export const english = () => once('messages-en.js', () => import('./messages-en.js'))
  .then((module) => { MESSAGES.en = module.default; });

/** @typedef {keyof typeof zh} MessageKey */
/** @typedef {keyof typeof zh.tools} ToolId */
/** @typedef {keyof typeof zh.settings} SettingId */
/** @typedef {Record<string, string | number>} Values */

/**
 * The cadre's tools, in the order of their buttons: the one list of them
 * (tools.js has a view for each id, checked by tsc).
 */
export const TOOLS = /** @type {ToolId[]} */ (Object.keys(zh.tools));

/**
 * Where care may be (the engine's settings), local first: the page offers
 * every one, also where a version does not name it (then paid as local care).
 */
export const SETTINGS = /** @type {SettingId[]} */ (Object.keys(zh.settings));

/**
 * The text for `key` in `lang` from a table of messages, with `{name}` replaced from `values`.
 * @param {Record<Lang, Record<string, unknown>>} table
 * @param {Lang} lang
 * @param {string} key
 * @param {Values} [values]
 * @returns {string}
 */
export function lookup(table, lang, key, values = {}) {
  const text = /** @type {string} */ (table[lang]?.[key] ?? table.zh[key] ?? key);
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/**
 * The page's text for `key` in `lang`.
 * @param {Lang} lang
 * @param {MessageKey} key
 * @param {Values} [values]
 */
export const t = (lang, key, values) => lookup(MESSAGES, lang, key, values);

/**
 * Our message in both languages, like the engine's errors (`en`: the values in English, when they differ).
 * @param {MessageKey} key
 * @param {Values} [values]
 * @returns {Bilingual<'message'>}
 */
export const both = (key, values, en = values) => ({ message_zh: t('zh', key, values), message_en: t('en', key, en) });

/**
 * The text of `x` in `lang`: its `name_zh` or `name_en`, or another `key`'s
 * (`local(lang, error, 'message')` → error.message_en on the English page).
 * A name is shown on its own, so in English it starts with a capital
 * (the engine's names are lower case, to be used within sentences).
 * @template {string} [K='name']
 * @param {Lang} lang
 * @param {Bilingual<K>} x
 * @param {K} [key]
 * @returns {string}
 */
export function local(lang, x, key = /** @type {K} */ ('name')) {
  const text = x[/** @type {`${K}_${Lang}`} */ (`${key}_${lang}`)];
  return lang === 'en' && key === 'name' && text ? text[0].toUpperCase() + text.slice(1) : text;
}
