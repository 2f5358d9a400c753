import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '@/campaign/types';
import { readUrlState, writeUrlState, type UrlState } from './url-state';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

const full: UrlState = {
  camera: { center: [122.10641234, 30.0172], zoom: 14.256 },
  filter: { taskForces: ['TF2'], states: ['assigned'], overdueOnly: true, staleDays: 20 },
  selection: { kind: 'zone', id: 'R300:C1' },
  radii: { R300: 400 },
  today: '2019-09-10',
  lang: 'en',
  view: 'check',
  shading: 'rule',
};

describe('url state', () => {
  it('round-trips every part, rounded to metres and hundredths of a zoom', () => {
    const params = writeUrlState(full, campaign, new URLSearchParams());
    expect(params.get('z')).toBe('14.26');
    expect(params.get('c')).toBe('122.10641,30.01720');
    expect(params.get('sel')).toBe('zone:R300:C1');
    expect(params.get('r')).toBe('R300:400');
    expect(params.get('view')).toBe('check');
    const back = readUrlState(new URLSearchParams(params.toString()), campaign);
    expect(back.warnings).toEqual([]);
    expect(back.state).toEqual({ ...full, camera: { center: [122.10641, 30.0172], zoom: 14.26 } });
  });

  it('keeps other keys, and the camera of the old URL while the map has not settled', () => {
    const previous = new URLSearchParams('screen=big&z=12&c=122,30&tf=TF1&manifestPollMs=500');
    const params = writeUrlState({ ...full, camera: null, filter: {} }, campaign, previous);
    expect(params.get('screen')).toBe('big');
    expect(params.get('manifestPollMs')).toBe('500');
    expect(params.get('z')).toBe('12');
    expect(params.get('tf')).toBeNull();
  });

  it('opens the data check page by link, and closing it leaves the rest of the link as it was', () => {
    const previous = new URLSearchParams('view=check&screen=big&z=12&c=122,30&tf=TF2');
    expect(readUrlState(previous, campaign).state).toMatchObject({ view: 'check', filter: { taskForces: ['TF2'] } });
    const closed = writeUrlState({ ...full, camera: null, view: null }, campaign, previous);
    expect(closed.get('view')).toBeNull();
    expect([closed.get('screen'), closed.get('z'), closed.get('tf')]).toEqual(['big', '12', 'TF2']);
  });

  it('writes nothing for the defaults, so a plain view keeps a plain link', () => {
    const plain: UrlState = {
      camera: null,
      filter: {},
      selection: null,
      radii: {},
      today: null,
      lang: 'zh',
      view: null,
      shading: 'priority',
    };
    expect(writeUrlState(plain, campaign, new URLSearchParams()).toString()).toBe('');
    expect(readUrlState(new URLSearchParams(), campaign)).toEqual({ state: plain, warnings: [] });
  });

  it('drops bad values with a warning naming the key, and applies the rest', () => {
    const { state, warnings } = readUrlState(
      new URLSearchParams('z=99&c=1,2&sel=planet:X&r=R300:-5,R999:300&lang=fr&view=map&today=2019-13-01&tf=TF2,TF77'),
      campaign,
    );
    expect(state.camera).toBeNull();
    expect(state.selection).toBeNull();
    expect(state.radii).toEqual({});
    expect(state.filter).toEqual({ taskForces: ['TF2'] });
    expect(warnings).toEqual([
      { code: 'badZoom', param: 'z', value: '99' },
      { code: 'badSelection', param: 'sel', value: 'planet:X' },
      { code: 'badLang', param: 'lang', value: 'fr' },
      { code: 'badView', param: 'view', value: 'map' },
      { code: 'badDate', param: 'today', value: '2019-13-01' },
      { code: 'badRadius', param: 'r', rule: 'R300', value: '-5' },
      { code: 'unknownCode', param: 'r', what: 'rule', value: 'R999' },
      { code: 'unknownCode', param: 'tf', what: 'taskForce', value: 'TF77' },
    ]);
  });

  it('drops a radius out of the sane range (1e308 would break the zones) with a warning', () => {
    const { state, warnings } = readUrlState(new URLSearchParams('r=R300:1e308,R500:5,R1000:1200'), campaign);
    expect(state.radii).toEqual({ R1000: 1200 });
    expect(warnings).toEqual([
      { code: 'badRadius', param: 'r', rule: 'R300', value: '1e308' },
      { code: 'badRadius', param: 'r', rule: 'R500', value: '5' },
    ]);
  });

  it('without the campaign keeps camera, selection and language and says what it ignored', () => {
    const { state, warnings } = readUrlState(new URLSearchParams('z=13&c=122.1,30&sel=defect:D1&tf=TF2&lang=en'), null);
    expect(state.camera).toEqual({ center: [122.1, 30], zoom: 13 });
    expect(state.selection).toEqual({ kind: 'defect', id: 'D1' });
    expect(state.lang).toBe('en');
    expect(state.filter).toEqual({});
    expect(warnings).toEqual([{ code: 'noCampaign' }]);
  });

  it('keeps the zone shading: priority by default and left out, rule as shade=rule, anything else warned', () => {
    expect(readUrlState(new URLSearchParams(''), campaign).state.shading).toBe('priority');
    const rule = readUrlState(new URLSearchParams('shade=rule'), campaign).state;
    expect(rule.shading).toBe('rule');
    expect(writeUrlState(rule, campaign, new URLSearchParams()).toString()).toBe('shade=rule');
    const back = { ...rule, shading: 'priority' as const };
    expect(writeUrlState(back, campaign, new URLSearchParams('shade=rule')).toString()).toBe('');
    expect(readUrlState(new URLSearchParams('shade=heat'), campaign).warnings).toEqual([
      { code: 'badShade', param: 'shade', value: 'heat' },
    ]);
  });
});
