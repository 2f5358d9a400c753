/**
 * The words for a shared link's unusable values (`LinkWarning`, from url-state.ts and defects/filter.ts) in the
 * UI language, through the i18n table. The value from the link is quoted as plain text, never as markup.
 *
 * @example linkWarningText('zh', { code: 'unknownCode', param: 'tf', what: 'taskForce', value: 'TF99' }) // 'tf：没有专项行动“TF99”，已忽略'
 */
import { MAX_RADIUS_M, MIN_RADIUS_M } from '@/campaign/what-if';
import type { CodeKind, LinkWarning } from '@/defects/filter';
import { t, type Lang, type MessageKey } from './i18n';

const WHAT: Record<CodeKind, MessageKey> = {
  taskForce: 'linkWhatTaskForce',
  state: 'linkWhatState',
  category: 'linkWhatCategory',
  subdistrict: 'linkWhatSubdistrict',
  unit: 'linkWhatUnit',
  rule: 'linkWhatRule',
};

const MESSAGE: Record<LinkWarning['code'], MessageKey> = {
  unknownCode: 'linkUnknown',
  badZoom: 'linkBadZoom',
  badCenter: 'linkBadCenter',
  badSelection: 'linkBadSelection',
  badLang: 'linkBadLang',
  badDate: 'linkBadDate',
  badFlag: 'linkBadFlag',
  badDays: 'linkBadDays',
  badView: 'linkBadView',
  badShade: 'linkBadShade',
  badRadius: 'linkBadRadius',
  reversedRange: 'linkReversedRange',
  noCampaign: 'linkNoCampaign',
};

export function linkWarningText(lang: Lang, w: LinkWarning): string {
  switch (w.code) {
    case 'unknownCode':
      return t(lang, MESSAGE[w.code], { param: w.param, what: t(lang, WHAT[w.what]), value: w.value });
    case 'badRadius':
      return t(lang, MESSAGE[w.code], {
        param: w.param,
        rule: w.rule,
        value: w.value,
        min: MIN_RADIUS_M,
        max: MAX_RADIUS_M,
      });
    case 'reversedRange':
      return t(lang, MESSAGE[w.code], { from: w.from, to: w.to });
    case 'noCampaign':
      return t(lang, MESSAGE[w.code]);
    default:
      return t(lang, MESSAGE[w.code], { param: w.param, value: w.value });
  }
}
