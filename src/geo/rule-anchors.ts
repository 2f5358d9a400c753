/**
 * Which objects anchor a zone rule: objects of `rule.anchorKind` in a subdistrict whose area is `rule.anchorArea`
 * (when the rule names one). A market must in addition not say `builtUp: false` for a built-up rule: the plan
 * scopes "markets in the built-up area", and a market in a built-up subdistrict can still lie outside it. The
 * engine (zones) and the ingest (land coverage warnings) both ask here.
 */
import type { AreaKind, ObjectKind, ZoneRule } from '../campaign/types';

export function isRuleAnchor(
  rule: Pick<ZoneRule, 'anchorKind' | 'anchorArea'>,
  kind: ObjectKind,
  area: AreaKind | undefined,
  builtUp: boolean | null,
): boolean {
  if (kind !== rule.anchorKind) return false;
  if (!rule.anchorArea) return true;
  if (area !== rule.anchorArea) return false;
  return !(kind === 'market' && rule.anchorArea === 'builtUp' && builtUp === false);
}
