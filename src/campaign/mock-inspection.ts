/**
 * The mock inspection's settings (模拟测评) with their defaults. The plan says every site must pass inspection at
 * any moment but gives no sample sizes and no fail rule, so these are settings: a campaign file may set its own
 * `mockInspection`, and one without it gets the defaults below, one entry per evaluation it declares.
 *
 * Defaults: the evaluators visit a handful of sites of each kind (more at the national evaluation) and fail a
 * site where a facility or management problem is still open and not yet fixed (上报, 返工, 立案/交办, 整改中; a
 * problem 待复核 is fixed on the ground). The national evaluation also fails campaign and service problems.
 */
import type { Campaign, MockEvaluation, MockInspectionSettings, MockSiteKind } from './types';

const SITES: MockSiteKind[] = [
  { code: 'community', zh: '城市社区', en: 'Communities', kind: 'community' },
  { code: 'compound', zh: '居民小区', en: 'Residential compounds', kind: 'compound' },
  { code: 'market', zh: '农贸市场', en: 'Farmers’ markets', kind: 'market' },
  { code: 'backStreet', zh: '背街小巷', en: 'Back streets', kind: 'street', streetClass: 'back' },
  { code: 'mainRoad', zh: '主次干道', en: 'Main roads', kind: 'street', streetClass: 'main' },
  { code: 'station', zh: '志愿服务站点', en: 'Volunteer stations', kind: 'station' },
  { code: 'adsite', zh: '公益广告点位', en: 'Public-service ad sites', kind: 'adsite' },
];

const PROVINCIAL_SAMPLES = { community: 3, compound: 8, market: 3, backStreet: 8, mainRoad: 5, station: 4, adsite: 4 };
const NATIONAL_SAMPLES = { community: 5, compound: 12, market: 5, backStreet: 12, mainRoad: 8, station: 6, adsite: 6 };
const NOT_FIXED: MockEvaluation['failStates'] = ['reported', 'reopened', 'assigned', 'in_progress'];

export const DEFAULT_MOCK_NOTE = {
  zh: '规划未规定抽样数量和判定标准：每类点位的抽样数、计为不合格的问题状态和类别均为可调整的设置（campaign.json 的 mockInspection）。',
  en: 'The plan gives no sample sizes and no fail rule: sites sampled per kind and the problem states and categories that fail a site are settings (mockInspection in campaign.json).',
};

/**
 * The campaign's mock-inspection settings: its own when it has them, else the defaults (national-sized samples
 * for an evaluation coded `national`, provincial-sized for any other).
 */
export function mockInspectionOf(campaign: Pick<Campaign, 'mockInspection' | 'evaluations'>): MockInspectionSettings {
  if (campaign.mockInspection) return campaign.mockInspection;
  return {
    note: DEFAULT_MOCK_NOTE,
    draws: 1000,
    seed: 20190821,
    sites: SITES,
    evaluations: campaign.evaluations.map((e) => {
      const national = e.code === 'national';
      const samples = national ? NATIONAL_SAMPLES : PROVINCIAL_SAMPLES;
      return {
        evaluation: e.code,
        samples: Object.entries(samples).map(([site, count]) => ({ site, count })),
        failStates: NOT_FIXED,
        failGroups: national ? ['facility', 'management', 'campaign', 'service'] : ['facility', 'management'],
      };
    }),
  };
}
