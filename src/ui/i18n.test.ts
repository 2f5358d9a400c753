import { describe, expect, it } from 'vitest';
import { LANGS, MESSAGES, MESSAGE_GROUPS, named, t, type MessageKey } from './i18n';

const HAN = /[\u4e00-\u9fff]/;
const KEYS = Object.keys(MESSAGES) as MessageKey[];

describe('i18n table', () => {
  it('has every key in every language, none empty', () => {
    for (const key of KEYS) for (const lang of LANGS) expect(MESSAGES[key][lang].trim(), `${lang}.${key}`).not.toBe('');
  });

  it('defines each key in one feature group only', () => {
    const seen = new Map<string, string>();
    for (const [group, messages] of Object.entries(MESSAGE_GROUPS))
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${group}`).toBeUndefined();
        seen.set(key, group);
      }
    expect(seen.size).toBe(KEYS.length);
  });

  it('uses the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of KEYS) expect(holes(MESSAGES[key].en), key).toEqual(holes(MESSAGES[key].zh));
  });

  it('has no untranslated Chinese left in English, except the sample-data mark and the language switch', () => {
    const allowed = new Set(['languageSwitch', 'sampleData']);
    for (const key of KEYS) if (!allowed.has(key)) expect(HAN.test(MESSAGES[key].en), key).toBe(false);
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
