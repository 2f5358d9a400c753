/**
 * The UI strings, one entry per key with its Chinese and English side by side (`{ zh, en }`), grouped by feature
 * in `messages/*.ts`. Names of task forces, rules, states, units and subdistricts are not here: they come from the
 * campaign data (`zh`/`en` fields), read with `named`. `i18n-keys.test.ts` fails on a key used but not defined,
 * or defined but never used.
 */
import { useCallback } from 'react';
import type { Named } from '@/campaign/types';
import { useAppStore } from '@/store/store';
import type { Lang } from '@/store/view-slice';
import { ACCESS_MESSAGES } from './messages/access';
import { APP_MESSAGES } from './messages/app';
import { CHECK_MESSAGES } from './messages/check';
import { COMMANDER_MESSAGES } from './messages/commander';
import { COMMON_MESSAGES } from './messages/common';
import { DETAILS_MESSAGES } from './messages/details';
import { DISTRICTS_MESSAGES } from './messages/districts';
import { EXPORTS_MESSAGES } from './messages/exports';
import { FIELD_MESSAGES } from './messages/field';
import { FILTER_MESSAGES } from './messages/filter';
import { LAYERS_MESSAGES } from './messages/layers';
import { MOCK_MESSAGES } from './messages/mock';
import { BIG_SCREEN_MESSAGES } from './messages/bigscreen';
import { PRIORITY_MESSAGES } from './messages/priority';
import { LOADING_MESSAGES } from './messages/loading';
import { OFFLINE_MESSAGES } from './messages/offline';
import { PHONE_MESSAGES } from './messages/phone';
import { LAZY_DETAILS_MESSAGES } from './messages/lazy-details';

export type { Lang };

export const LANGS: Lang[] = ['zh', 'en'];

/** The feature groups, for the test that no key is defined in two of them (a spread would hide one). */
export const MESSAGE_GROUPS = {
  common: COMMON_MESSAGES,
  app: APP_MESSAGES,
  layers: LAYERS_MESSAGES,
  filter: FILTER_MESSAGES,
  details: DETAILS_MESSAGES,
  exports: EXPORTS_MESSAGES,
  commander: COMMANDER_MESSAGES,
  check: CHECK_MESSAGES,
  districts: DISTRICTS_MESSAGES,
  field: FIELD_MESSAGES,
  mock: MOCK_MESSAGES,
  bigScreen: BIG_SCREEN_MESSAGES,
  priority: PRIORITY_MESSAGES,
  access: ACCESS_MESSAGES,
  loading: LOADING_MESSAGES,
  offline: OFFLINE_MESSAGES,
  phone: PHONE_MESSAGES,
  lazyDetails: LAZY_DETAILS_MESSAGES,
};

export const MESSAGES = {
  ...COMMON_MESSAGES,
  ...APP_MESSAGES,
  ...LAYERS_MESSAGES,
  ...FILTER_MESSAGES,
  ...DETAILS_MESSAGES,
  ...EXPORTS_MESSAGES,
  ...COMMANDER_MESSAGES,
  ...CHECK_MESSAGES,
  ...DISTRICTS_MESSAGES,
  ...FIELD_MESSAGES,
  ...MOCK_MESSAGES,
  ...BIG_SCREEN_MESSAGES,
  ...PRIORITY_MESSAGES,
  ...ACCESS_MESSAGES,
  ...LOADING_MESSAGES,
  ...OFFLINE_MESSAGES,
  ...PHONE_MESSAGES,
  ...LAZY_DETAILS_MESSAGES,
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/**
 * The UI string `key` in `lang`, with `{name}` placeholders filled from `params`.
 *
 * @example t('en', 'daysUnit', { n: 8 }) // '8 days'
 */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
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
