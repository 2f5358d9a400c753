import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { campaignCodes, editDistance } from './codes';

const campaign = parseCampaign(JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')));
const codes = campaignCodes(campaign);
const tf = (code: string) => campaign.taskForces.find((t) => t.code === code)!;

describe('campaign aliases', () => {
  it.each([
    ['已办结', 'closed'],
    ['销号', 'closed'],
    ['已整改', 'awaiting_recheck'],
    ['待复查', 'awaiting_recheck'],
    ['整改中', 'in_progress'],
    [' 已交办 ', 'assigned'],
  ])('reads the state %s as %s', (cell, code) => {
    expect(codes.state(cell)).toEqual({ ok: true, value: code });
  });

  it('reads unit, task force and category aliases, after NFKC', () => {
    expect(codes.unit('区市场监管分局')).toEqual({ ok: true, value: 'U-SCJG' });
    expect(codes.taskForce('主次干道')).toMatchObject({ ok: true, value: { code: 'TF4' } });
    expect(codes.category('飞线充电', tf('TF4'))).toEqual({ ok: true, value: 'TF4-22' });
  });

  it('keeps a category alias to its own task force', () => {
    expect(codes.category('积水', tf('TF3'))).toEqual({
      ok: false,
      reason: "category '积水' belongs to TF2 背街小巷, not to TF3 农贸市场",
    });
  });

  it('lists the valid states of an unknown state, and where to add an alias', () => {
    expect(codes.state('已归档')).toEqual({
      ok: false,
      reason:
        "unknown state '已归档' (expected one of reported 上报, reopened 返工, assigned 立案/交办, in_progress 整改中, " +
        'awaiting_recheck 待复核, closed 已销号); add it to "aliases.states" in campaign.json',
    });
  });

  it('names the three closest of many units', () => {
    expect(codes.unit('区市场监管局')).toEqual({
      ok: false,
      reason:
        "unknown unit '区市场监管局' (closest: 区市场监管分局 → U-SCJG, 区住建局 → U-ZJJ, 区综合执法局 → U-ZHZF); " +
        'add it to "aliases.units" in campaign.json',
    });
  });

  it('names the three closest categories of the task force', () => {
    expect(codes.category('路灯坏了', tf('TF2'))).toEqual({
      ok: false,
      reason:
        "unknown TF2 category '路灯坏了' (closest: 路灯缺失或损坏 → TF2-03, 路面不平/坑洼 → TF2-01, " +
        '不文明行为（争吵谩骂、不文明养宠、乱丢烟蒂、随地吐痰、损坏公物、躺卧座椅） → TF2-17); ' +
        'add it to "aliases.categories" in campaign.json',
    });
  });

  it('leaves subdistricts without aliases as they were', () => {
    expect(codes.subdistrict('解放街道')).toEqual({ ok: false, reason: "unknown subdistrict '解放街道'" });
  });
});

describe('editDistance', () => {
  it('counts a Chinese character as one edit', () => {
    expect(editDistance('区市场监管局', '区市场监管分局')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
