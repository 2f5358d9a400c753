import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import type { BBox, LngLat } from '../campaign/types';
import { districtCampaign } from './campaign';
import type { DivisionRow } from './divisions';

const TEMPLATE = parseCampaign(JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')));
const BBOX: BBox = [122.0, 30.1, 122.4, 30.5];
const CENTER: LngLat = [122.2, 30.3];
const township = (code: string, name: string, type: string): DivisionRow => ({
  code,
  name,
  level: 'township',
  parentCode: code.slice(0, 6),
  parentName: '',
  type,
});

describe('districtCampaign', () => {
  test('guesses each township’s area from its type and gives it a unit', () => {
    const { campaign } = districtCampaign(TEMPLATE, {
      adcode: '330903',
      name: '普陀区',
      bbox: BBOX,
      center: CENTER,
      townships: [township('330903001', '沈家门街道', '街道'), township('330903100', '六横镇', '镇')],
    });
    expect(campaign.subdistricts).toEqual([
      { code: '330903001', zh: '沈家门街道', en: '沈家门街道', area: 'builtUp', unit: 'U-330903001' },
      { code: '330903100', zh: '六横镇', en: '六横镇', area: 'rural', unit: 'U-330903100' },
    ]);
    expect(campaign.units.filter((u) => u.code.startsWith('U-3309'))).toHaveLength(2);
    // Same level word (区): unit names keep it; the template's short name is replaced.
    expect(campaign.units.map((u) => u.zh)).toEqual(expect.arrayContaining(['区住建局', '普陀交警大队']));
    expect(campaign.district).toEqual({ zh: '普陀区', en: '普陀区', adcode: '330903', center: CENTER, bbox: BBOX });
  });

  test('without a 街道 the first town is the built-up one, and the guess is noted', () => {
    const { campaign, notes } = districtCampaign(TEMPLATE, {
      adcode: '330921',
      name: '岱山县',
      bbox: BBOX,
      center: CENTER,
      townships: [township('330921100', '高亭镇', '镇'), township('330921200', '秀山乡', '乡')],
    });
    expect(campaign.subdistricts.map((s) => s.area)).toEqual(['builtUp', 'rural']);
    expect(notes[0]).toMatch(/^高亭镇（330921100）：area = builtUp.*暂定为建成区 \/\/ confirm$/);
    expect(campaign.units.map((u) => u.zh)).toEqual(
      expect.arrayContaining([
        '县创建办',
        '团县委',
        '县委县政府农业和农村工作领导小组办公室',
        '市市场监督管理局岱山分局',
      ]),
    );
    expect(campaign.taskForces.find((t) => t.code === 'TF8')?.leadUnits).toEqual(['U-330921100']);
    expect(campaign.name.zh).toBe('2019年舟山市岱山县创建全国文明城市重点难点项目攻坚行动');
  });
});
