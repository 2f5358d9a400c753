/**
 * The campaign file of a new district: the template's plan (task forces, categories, zone rules, lifecycle,
 * priorities, dates — the same plan for every district of the province) with the district's own name, adcode,
 * extent, townships and units. What is guessed is listed in `notes`, for the folder's README.txt.
 */
import type { AreaKind, BBox, Campaign, LngLat, Subdistrict, Unit } from '../campaign/types';
import { parseCampaign } from '../campaign/parse';
import type { DivisionRow } from './divisions';

export interface DistrictFacts {
  adcode: string;
  /** Chinese name, e.g. 岱山县. */
  name: string;
  bbox: BBox;
  center: LngLat;
  /** The district's township rows (level township) of the national division codes. */
  townships: DivisionRow[];
}

export interface DistrictCampaign {
  campaign: Campaign;
  /** Lines for README.txt: each guess to confirm. */
  notes: string[];
}

/** Area class of a township from its type: a 街道 is built-up, a 镇 or 乡 rural. */
const AREA_OF_TYPE: Record<string, AreaKind> = { 街道: 'builtUp', 镇: 'rural', 乡: 'rural' };

/**
 * The template campaign rewritten for one district, validated with `parseCampaign` (throws if the result would
 * not load). Units of the template's own subdistricts are replaced by one unit per township of the district;
 * a task force they led (door-to-door visits) is led by the district's built-up townships instead.
 *
 * @example districtCampaign(dinghai, { adcode: '330921', name: '岱山县', bbox, center, townships }).campaign
 */
export function districtCampaign(template: Campaign, facts: DistrictFacts): DistrictCampaign {
  const notes: string[] = [];
  const local = localiser(template.district.zh, facts.name);
  const localUnit = unitLocaliser(template.district.zh, facts.name);
  const subdistricts: Subdistrict[] = facts.townships.map((t) => ({
    code: t.code,
    zh: t.name,
    en: t.name,
    area: AREA_OF_TYPE[t.type] ?? 'other',
    unit: unitCode(t.code),
  }));
  const noSubdistrict = !subdistricts.some((s) => s.area === 'builtUp') && subdistricts.length > 0;
  // NBS lists the county seat's town first; the plan's built-up rules need at least one built-up township.
  if (noSubdistrict) subdistricts[0].area = 'builtUp';
  subdistricts.forEach((s, i) => {
    const why =
      noSubdistrict && i === 0
        ? '本区县没有街道，按区划代码顺序的第一个乡镇（通常是县城所在镇）暂定为建成区'
        : `由类型（${facts.townships[i].type}）推断`;
    notes.push(`${s.zh}（${s.code}）：area = ${s.area}（${AREA_LABEL[s.area]}），${why} // confirm`);
  });

  const templateSubdistrictUnits = new Set(template.subdistricts.flatMap((s) => (s.unit ? [s.unit] : [])));
  const kept: Unit[] = template.units
    .filter((u) => !templateSubdistrictUnits.has(u.code))
    .map((u) => ({ ...u, zh: localUnit(u.zh) }));
  const renamed = kept.filter((u) => u.zh !== template.units.find((t) => t.code === u.code)?.zh);
  if (renamed.length > 0)
    notes.push(`单位名称按本区县改写（${renamed.map((u) => u.zh).join('、')}），请核对 campaign.json 的 units`);
  const units: Unit[] = [...kept, ...subdistricts.map((s) => ({ code: s.unit!, zh: s.zh, en: s.zh }))];
  const builtUpUnits = subdistricts.filter((s) => s.area === 'builtUp').map((s) => s.unit!);
  const taskForces = template.taskForces.map((tf) => {
    const leadUnits = tf.leadUnits.filter((u) => !templateSubdistrictUnits.has(u));
    if (leadUnits.length === tf.leadUnits.length) return tf;
    notes.push(`${tf.code} ${tf.zh}：牵头单位改为本区县的建成区乡镇街道（${builtUpUnits.join('、')}），请确认`);
    return { ...tf, leadUnits: [...new Set([...leadUnits, ...builtUpUnits])] };
  });

  const year = template.document.issuedDate.slice(0, 4);
  const draft: Record<string, unknown> = {
    ...template,
    id: `${facts.adcode}-${year}`,
    name: { zh: local(template.name.zh), en: template.name.en.replace(firstWord(template.district.en), facts.name) },
    document: { ...template.document, issuer: local(template.document.issuer) },
    district: { zh: facts.name, en: facts.name, adcode: facts.adcode, center: facts.center, bbox: facts.bbox },
    subdistricts,
    taskForces,
    units,
  };
  // The template's name aliases spell its own places; the new district starts without any.
  delete draft.aliases;
  notes.push(`文号 ${template.document.number}、日期（asOfDate、省测/国测）沿用模板，请按本区县的方案修改`);
  return { campaign: parseCampaign(draft), notes };
}

const AREA_LABEL: Record<AreaKind, string> = { builtUp: '建成区', rural: '渔农村', other: '其他' };

/** `U-330921100`: one unit per township, named as the township. */
function unitCode(townshipCode: string): string {
  return `U-${townshipCode}`;
}

/** The district's level word (区, 县, 市, 旗), '' when the name has none. */
const levelOf = (name: string) => (/[区县市旗]$/.test(name) ? name.slice(-1) : '');
/** 定海区 → 定海 (a two-character name such as 普陀 keeps its level word off only when it has one). */
const shortOf = (name: string) => (name.length > 2 && levelOf(name) ? name.slice(0, -1) : name);

/** Rewrites a text of the template for the new district: its full name (定海区 → 岱山县), then its short name. */
function localiser(from: string, to: string): (text: string) => string {
  return (text) => text.split(from).join(to).split(shortOf(from)).join(shortOf(to));
}

/**
 * As `localiser`, and when the level word differs, the level word that starts a unit's name or its party and
 * government words (区住建局 → 县住建局, 区委区政府 → 县委县政府, 团区委 → 团县委).
 */
function unitLocaliser(from: string, to: string): (text: string) => string {
  const local = localiser(from, to);
  const [fromLevel, toLevel] = [levelOf(from), levelOf(to)];
  if (!fromLevel || !toLevel || fromLevel === toLevel) return local;
  const pattern = new RegExp(`^${fromLevel}|${fromLevel}(?=[委府政创住综商交文])`, 'g');
  return (text) => local(text).replace(pattern, toLevel);
}

function firstWord(text: string): string {
  return text.split(/\s+/)[0];
}
