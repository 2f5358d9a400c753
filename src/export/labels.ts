/**
 * Labels that belong to the export file formats themselves (column headers, cover-sheet captions, the words
 * of the weekly report). Names of rules, task forces, states, units and subdistricts are not here: they come
 * from the campaign data (`zh`/`en` fields) through `named` and the lookups below.
 */
import { mapKinds, OBJECT_KIND_DEFS } from '../campaign/object-kinds';
import type { Campaign, Named, ObjectKind } from '../campaign/types';
import type { RadiusChange } from '../campaign/what-if';
import type { ObjectState } from '../geo/types';

/** Language of an export: Chinese first, English as the option. Same values as the app's `Lang`. */
export type ExportLang = 'zh' | 'en';

export function named(lang: ExportLang, item: Named): string {
  return lang === 'en' ? item.en : item.zh;
}

export const OBJECT_KIND_LABELS: Record<ObjectKind, Named> = mapKinds((kind) => OBJECT_KIND_DEFS[kind].label);

/** Words of the cover sheet, the field sheet and the panels (file-format text, not app chrome). */
const WORDS = {
  cover: { zh: '封面', en: 'Cover' },
  title: { zh: '标题', en: 'Title' },
  campaign: { zh: '攻坚行动', en: 'Campaign' },
  document: { zh: '文件', en: 'Document' },
  filters: { zh: '筛选条件', en: 'Filters applied' },
  asOfDate: { zh: '数据截至', en: 'Data as of' },
  statusDate: { zh: '统计日期（超期、久未检查按此日计算）', en: 'Status computed for' },
  generatedAt: { zh: '生成时间', en: 'Generated at' },
  dataKind: { zh: '数据性质', en: 'Data' },
  sampleData: {
    zh: '示例数据（位置与问题为合成数据，仅供演示，不代表实际情况）',
    en: 'Sample data (synthetic positions and defects, for demonstration only)',
  },
  realData: { zh: '正式数据', en: 'Live data' },
  sheets: { zh: '工作表', en: 'Sheets' },
  rows: { zh: '行数', en: 'Rows' },
  representativePoint: {
    zh: '经纬度（WGS-84）：点位取其本身；街巷取沿线中点；小区面取外环形心',
    en: 'lng/lat (WGS-84): points as they are; streets the point halfway along the line; polygons the centroid of the outer ring',
  },
  all: { zh: '全部攻坚范围', en: 'All zones' },
  zone: { zh: '范围', en: 'Zone' },
  rule: { zh: '规则', en: 'Rule' },
  taskForce: { zh: '专项组', en: 'Task force' },
  filter: { zh: '当前筛选', en: 'Current filter' },
  objectsSelected: { zh: '个对象', en: 'objects' },
  whatIfRadius: { zh: '试算半径', en: 'What-if radius' },
} satisfies Record<string, Named>;

export type WordKey = keyof typeof WORDS;

export function word(lang: ExportLang, key: WordKey): string {
  return named(lang, WORDS[key]);
}

/** Label of an object's state: lifecycle states and the derived ones (overdue, clean, never inspected). */
export function stateLabel(campaign: Campaign, state: ObjectState, lang: ExportLang): string {
  const derived = campaign.lifecycle.derived;
  if (state === 'overdue') return named(lang, derived.overdue);
  if (state === 'clean') return named(lang, derived.clean);
  if (state === 'neverInspected') return named(lang, derived.neverInspected);
  const s = campaign.lifecycle.states.find((x) => x.code === state);
  return s ? named(lang, s) : state;
}

/**
 * Fast code → label lookups over the campaign data, built once per export (a 100k-row list must not scan
 * the unit list per row). Unknown codes fall back to the code itself, so a typo in the data stays visible.
 */
export interface CampaignLabels {
  unit(code: string): string;
  subdistrict(code: string): string;
  rule(id: string): string;
  taskForce(code: string): string;
  category(code: string): string;
  state(state: ObjectState): string;
  kind(kind: ObjectKind): string;
}

export interface LabelOptions {
  /**
   * Rules computed at another radius than the plan's (`radiusChanges`): their names say so, because a rule's name
   * often holds its plan radius (城市社区周边300米) and must not title a list computed at 400 m.
   */
  radii?: readonly RadiusChange[];
}

export function campaignLabels(
  campaign: Campaign,
  lang: ExportLang,
  { radii = [] }: LabelOptions = {},
): CampaignLabels {
  const lookup = (items: (Named & { code?: string; id?: string })[], key: 'code' | 'id') => {
    const m = new Map<string, string>();
    for (const it of items) m.set(String(it[key]), named(lang, it));
    return (code: string) => m.get(code) ?? code;
  };
  const states = new Map<string, string>();
  const unit = lookup(campaign.units, 'code');
  const subdistrict = lookup(campaign.subdistricts, 'code');
  const planRule = lookup(campaign.zoneRules, 'id');
  const changed = new Map(radii.map((c) => [c.ruleId, c]));
  const rule = (id: string) => {
    const change = changed.get(id);
    return change ? ruleAtRadius(planRule(id), change, lang) : planRule(id);
  };
  const taskForce = lookup(campaign.taskForces, 'code');
  const category = lookup(
    campaign.taskForces.flatMap((tf) => tf.categories),
    'code',
  );
  return {
    unit,
    subdistrict,
    rule,
    taskForce,
    category,
    state(state) {
      let s = states.get(state);
      if (s === undefined) {
        s = stateLabel(campaign, state, lang);
        states.set(state, s);
      }
      return s;
    },
    kind: (kind) => named(lang, OBJECT_KIND_LABELS[kind]),
  };
}

/**
 * A rule's name with the radius it was computed at, e.g. `城市社区周边300米（试算半径 400 米，方案 300 米）`,
 * `300 m around urban communities (what-if radius 400 m, plan 300 m)`.
 */
export function ruleAtRadius(name: string, change: RadiusChange, lang: ExportLang): string {
  return lang === 'zh'
    ? `${name}（试算半径 ${change.usedM} 米，方案 ${change.planM} 米）`
    : `${name} (what-if radius ${change.usedM} m, plan ${change.planM} m)`;
}

/**
 * One line per rule computed off its plan radius, for a cover sheet or a document description, e.g.
 * `城市社区周边300米（R300）：400 米（方案 300 米）`.
 */
export function radiusChangeLines(campaign: Campaign, radii: readonly RadiusChange[], lang: ExportLang): string[] {
  const name = campaignLabels(campaign, lang).rule;
  return radii.map((c) =>
    lang === 'zh'
      ? `${name(c.ruleId)}（${c.ruleId}）：${c.usedM} 米（方案 ${c.planM} 米）`
      : `${name(c.ruleId)} (${c.ruleId}): ${c.usedM} m (plan ${c.planM} m)`,
  );
}

/** A document title marked as computed at what-if radii when `radii` is not empty. */
export function titleAtRadii(title: string, radii: readonly RadiusChange[], lang: ExportLang): string {
  if (!radii.length) return title;
  return lang === 'zh'
    ? `${title}（${word(lang, 'whatIfRadius')}）`
    : `${title} (${word(lang, 'whatIfRadius').toLowerCase()})`;
}
