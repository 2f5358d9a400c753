import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '@/campaign/types';
import type { LinkWarning } from '@/defects/filter';
import { LANGS } from '@/ui/i18n';
import { linkWarningText } from '@/ui/link-warnings';
import { readUrlState } from './url-state';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const HAN = /[\u4e00-\u9fff]/;

/** A link with one bad value of every kind the reader knows. */
const BAD_LINK =
  'z=99&c=1,2&sel=nokind&lang=fr&today=2019-13-01&r=R9:100,R300:-5&tf=TF99&st=gone&cat=X&sd=000&un=U-NO' +
  '&od=2&from=2019-09-10&to=2019-09-01&stale=soon';

describe('link warnings', () => {
  const { warnings } = readUrlState(new URLSearchParams(BAD_LINK), campaign);

  it('has a reason for every bad value of the link', () => {
    expect(warnings.map((w) => w.code).sort()).toEqual(
      [
        'badZoom',
        'badSelection',
        'badLang',
        'badDate',
        'unknownCode',
        'badRadius',
        'unknownCode',
        'unknownCode',
        'unknownCode',
        'unknownCode',
        'unknownCode',
        'badFlag',
        'reversedRange',
        'badDays',
      ].sort(),
    );
  });

  it('words every warning in both languages, with the link value quoted and no placeholder left', () => {
    const all: LinkWarning[] = [...warnings, { code: 'noCampaign' }, { code: 'badCenter', param: 'c', value: '1' }];
    for (const lang of LANGS) {
      for (const w of all) {
        const text = linkWarningText(lang, w);
        expect(text, JSON.stringify(w)).not.toMatch(/\{\w+\}/);
        if ('value' in w) expect(text).toContain(w.value);
        if (lang === 'en') expect(HAN.test(text), text).toBe(false);
      }
    }
  });

  it('reads in Chinese in the Chinese UI', () => {
    expect(linkWarningText('zh', { code: 'unknownCode', param: 'tf', what: 'taskForce', value: 'TF99' })).toBe(
      'tf：没有专项行动“TF99”，已忽略',
    );
    expect(linkWarningText('en', { code: 'badRadius', param: 'r', rule: 'R300', value: '-5' })).toBe(
      'r: the radius of R300 must be 10–20000 m, got "-5"; ignored',
    );
  });
});
