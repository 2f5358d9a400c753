/**
 * The one table of UI strings, zh-CN first. Names of task forces, rules, states, units and subdistricts are
 * not here: they come from the campaign data (`zh`/`en` fields), read with `named`.
 */
import { useCallback } from 'react';
import type { Named } from '@/campaign/types';
import { useAppStore } from '@/store/store';
import type { Lang } from '@/store/view-slice';

export type { Lang };

export const LANGS: Lang[] = ['zh', 'en'];

const zh = {
  appTitle: '创城攻坚地图',
  languageSwitch: 'English',
  languageSwitchLabel: '切换到英文界面',
  sampleData: '示例数据',
  sampleDataNote: '示例数据：位置为合成数据，仅供演示',
  asOfDate: '数据日期',
  asOfDateReset: '恢复数据日期',
  generatedAt: '数据生成于',
  currentPhase: '当前阶段',
  noPhase: '不在计划阶段内',
  daysLeft: '距{name}',
  daysUnit: '{n} 天',
  daysPast: '已过 {n} 天',
  evaluationToday: '今天',
  loading: '正在加载数据…',
  computing: '正在计算攻坚范围…',
  dataErrorsTitle: '部分数据文件缺失或格式错误，其余图层照常显示：',
  engineError: '攻坚范围计算失败：{message}',
  dismiss: '关闭',
  layersTitle: '图层',
  layerZones: '攻坚范围',
  layerCommunities: '城市社区',
  layerMarkets: '农贸市场',
  layerTownSeats: '镇（街道）驻地',
  layerCompounds: '居民小区',
  layerStreets: '街巷道路',
  layerDefects: '问题点位',
  zoneCountSuffix: '{n} 个范围',
  radiusLabel: '半径（米）',
  radiusReset: '恢复方案值 {n} 米',
  radiusInvalid: '半径须为正数',
  basemapTitle: '底图',
  basemapOffline: '离线底图',
  basemapOsm: 'OpenStreetMap',
  basemapTianditu: '天地图',
  basemapFailed: '在线底图（{name}）加载失败，已切换到离线底图',
  mapUnavailableTitle: '本机浏览器无法显示地图（WebGL 不可用）',
  mapUnavailableBody:
    '其余面板（图层、统计、导出）仍可使用。请在浏览器设置中开启硬件加速，或换用新版 Chrome、Edge、Firefox 后刷新页面。',
  legendTitle: '检查状态（最严重的未结问题）',
  legendZones: '攻坚范围',
  summaryTitle: '统计',
  summaryZones: '范围数',
  summaryMembers: '范围内对象',
  summaryObjects: '对象数',
  summaryDefects: '问题点位',
  detailsTitle: '详情',
  detailsClose: '关闭详情',
  detailsKind: '类型',
  detailsSubdistrict: '所属街道（镇）',
  detailsUnit: '责任单位',
  detailsState: '检查状态',
  detailsOpenDefects: '未结问题',
  detailsOverdue: '其中超期',
  detailsLastInspected: '最近检查',
  detailsNeverInspected: '从未检查',
  detailsStale: '久未检查',
  detailsZones: '所在攻坚范围',
  detailsNoZones: '不在任何攻坚范围内',
  detailsDistance: '距{anchor} {m} 米',
  detailsInside: '范围内长度 {m} 米',
  detailsStreetClass: '道路类别',
  detailsOnRoute: '测评路线',
  detailsCategory: '问题类别',
  detailsTaskForce: '专项行动',
  detailsFound: '发现日期',
  detailsDeadline: '整改期限',
  yes: '是',
  no: '否',
  unknown: '未知',
  kindCommunity: '城市社区',
  kindMarket: '农贸市场',
  kindTownSeat: '镇（街道）驻地',
  kindCompound: '居民小区',
  kindStreet: '街巷',
  kindStation: '志愿服务站',
  kindAdsite: '公益广告点位',
  kindDefect: '问题点位',
  streetBack: '背街小巷',
  streetMain: '主次干道',
  mapLabel: '定海区攻坚范围地图',
  sampleAttribution: '示例数据：社区、市场、小区、街巷、问题点位的位置为合成数据',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Campaign zone map',
  languageSwitch: '中文',
  languageSwitchLabel: 'Switch to the Chinese interface',
  sampleData: 'Sample data · 示例数据',
  sampleDataNote: 'Sample data: synthetic positions, for demonstration only',
  asOfDate: 'As of',
  asOfDateReset: 'Back to the data date',
  generatedAt: 'Data generated',
  currentPhase: 'Phase',
  noPhase: 'Outside the plan phases',
  daysLeft: 'To {name}',
  daysUnit: '{n} days',
  daysPast: '{n} days ago',
  evaluationToday: 'today',
  loading: 'Loading data…',
  computing: 'Computing zones…',
  dataErrorsTitle: 'Some data files are missing or malformed; the other layers still show:',
  engineError: 'Zone computation failed: {message}',
  dismiss: 'Dismiss',
  layersTitle: 'Layers',
  layerZones: 'Zones',
  layerCommunities: 'Urban communities',
  layerMarkets: "Farmers' markets",
  layerTownSeats: 'Town seats',
  layerCompounds: 'Residential compounds',
  layerStreets: 'Streets',
  layerDefects: 'Defects',
  zoneCountSuffix: '{n} zones',
  radiusLabel: 'Radius (m)',
  radiusReset: 'Back to the plan: {n} m',
  radiusInvalid: 'The radius must be a positive number',
  basemapTitle: 'Basemap',
  basemapOffline: 'Offline basemap',
  basemapOsm: 'OpenStreetMap',
  basemapTianditu: 'Tianditu',
  basemapFailed: 'The online basemap ({name}) failed to load; switched to the offline basemap',
  mapUnavailableTitle: 'This browser cannot show the map (WebGL is unavailable)',
  mapUnavailableBody:
    'The other panels (layers, summary, exports) still work. Turn on hardware acceleration in the browser settings, or use a recent Chrome, Edge or Firefox, then reload the page.',
  legendTitle: 'Inspection state (worst open defect)',
  legendZones: 'Zones',
  summaryTitle: 'Summary',
  summaryZones: 'Zones',
  summaryMembers: 'Objects in zones',
  summaryObjects: 'Objects',
  summaryDefects: 'Defects',
  detailsTitle: 'Details',
  detailsClose: 'Close details',
  detailsKind: 'Kind',
  detailsSubdistrict: 'Subdistrict or town',
  detailsUnit: 'Responsible unit',
  detailsState: 'Inspection state',
  detailsOpenDefects: 'Open defects',
  detailsOverdue: 'of which overdue',
  detailsLastInspected: 'Last inspected',
  detailsNeverInspected: 'Never inspected',
  detailsStale: 'Stale',
  detailsZones: 'Zones',
  detailsNoZones: 'Not in any zone',
  detailsDistance: '{m} m from {anchor}',
  detailsInside: '{m} m inside',
  detailsStreetClass: 'Street class',
  detailsOnRoute: 'On the inspection route',
  detailsCategory: 'Category',
  detailsTaskForce: 'Task force',
  detailsFound: 'Found',
  detailsDeadline: 'Deadline',
  yes: 'Yes',
  no: 'No',
  unknown: 'Unknown',
  kindCommunity: 'Urban community',
  kindMarket: "Farmers' market",
  kindTownSeat: 'Town seat',
  kindCompound: 'Residential compound',
  kindStreet: 'Street',
  kindStation: 'Volunteer station',
  kindAdsite: 'Ad site',
  kindDefect: 'Defect',
  streetBack: 'Back street',
  streetMain: 'Main road',
  mapLabel: 'Zone map of Dinghai District',
  sampleAttribution: 'Sample data: positions of communities, markets, compounds, streets and defects are synthetic',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

/**
 * The UI string `key` in `lang`, with `{name}` placeholders filled from `params`.
 *
 * @example t('en', 'daysUnit', { n: 8 }) // '8 days'
 */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The name of a campaign item (task force, rule, state, unit, subdistrict) in `lang`. */
export function named(lang: Lang, item: Named): string {
  return item[lang];
}

/** BCP 47 tag for Intl formatting. */
export function locale(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

/** `t` bound to the current UI language; re-renders the caller when the language changes. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((key, params) => t(lang, key, params), [lang]);
}
