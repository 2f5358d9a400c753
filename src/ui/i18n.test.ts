import { describe, expect, it } from 'vitest';
import { LANGS, MESSAGES, named, t } from './i18n';

const HAN = /[\u4e00-\u9fff]/;

describe('i18n table', () => {
  it('has every key in every language, none empty', () => {
    const keys = Object.keys(MESSAGES.zh).sort();
    for (const lang of LANGS) {
      expect(Object.keys(MESSAGES[lang]).sort(), lang).toEqual(keys);
      for (const key of keys)
        expect(MESSAGES[lang][key as keyof typeof MESSAGES.zh].trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(MESSAGES.zh) as (keyof typeof MESSAGES.zh)[]) {
      expect(holes(MESSAGES.en[key]), key).toEqual(holes(MESSAGES.zh[key]));
    }
  });

  it('has no untranslated Chinese left in English, except the sample-data mark and the language switch', () => {
    const allowed = new Set(['languageSwitch', 'sampleData']);
    for (const [key, text] of Object.entries(MESSAGES.en))
      if (!allowed.has(key)) expect(HAN.test(text), key).toBe(false);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh', 'daysUnit', { n: 8 })).toBe('8 天');
    expect(t('en', 'detailsDistance', { m: 120, anchor: 'X' })).toBe('120 m from X');
    expect(t('en', 'daysUnit')).toBe('{n} days');
  });

  it('reads names from data, not from the table', () => {
    expect(named('en', { zh: '居民小区', en: 'Residential compounds' })).toBe('Residential compounds');
    expect(named('zh', { zh: '居民小区', en: 'Residential compounds' })).toBe('居民小区');
  });
});
