/**
 * The model behind the printable A4 field sheet (src/panels/FieldSheet.tsx): one zone, its objects (the zone
 * list rows), the open defects linked to those objects, and the QR code of the link back to the app. Pure, so the
 * component only lays it out.
 */
import QRCode from 'qrcode';
import { dayFromIso, isoFromDay } from '../campaign/dates';
import { isOpenState, isOverdue } from '../campaign/model';
import type { Campaign, DefectState, IsoDate } from '../campaign/types';
import type { Zone } from '../geo/types';
import type { DefectColumns } from '../dataset/types';
import { campaignLabels, type ExportLang } from './labels';
import { buildZoneRows, type ExportContext, type ZoneRow } from './zone-rows';

export interface FieldSheetDefect {
  id: string;
  objectId: string;
  objectName: string;
  category: string;
  state: DefectState;
  found: IsoDate;
  deadline: IsoDate;
  overdue: boolean;
}

export interface FieldSheetModel {
  zone: Zone;
  rows: ZoneRow[];
  defects: FieldSheetDefect[];
  /** The date overdue is judged on (the engine's as-of date). */
  statusDate: IsoDate;
  asOfDate: IsoDate;
  sample: boolean;
}

/**
 * Everything a zone's field sheet lists. Defects count when they are linked to one of the zone's objects and are
 * open; sorted overdue first, then by deadline.
 */
export function buildFieldSheet(ctx: ExportContext, zoneId: string, defects: DefectColumns | null): FieldSheetModel {
  const rows = buildZoneRows(ctx, { by: 'zone', zoneId });
  const zone = ctx.engine.rules.flatMap((r) => r.zones).find((z) => z.id === zoneId)!;
  const statusDate = ctx.engine.asOfDate;
  const asOfDay = dayFromIso(statusDate);
  const names = new Map(rows.map((r) => [r.objectId, r.objectName]));
  const out: FieldSheetDefect[] = [];
  if (defects) {
    const T = defects.tables;
    for (let i = 0; i < defects.count; i++) {
      const o = defects.object[i];
      if (o < 0) continue;
      const objectId = T.object[o];
      if (!names.has(objectId)) continue;
      const state = T.state[defects.state[i]];
      if (!isOpenState(ctx.campaign, state) || defects.found[i] > asOfDay) continue;
      out.push({
        id: defects.id.at(i)!,
        objectId,
        objectName: names.get(objectId) ?? '',
        category: T.category[defects.category[i]],
        state,
        found: isoFromDay(defects.found[i]),
        deadline: isoFromDay(defects.deadline[i]),
        overdue: isOverdue(defects.deadline[i], state, asOfDay, ctx.campaign),
      });
    }
  }
  out.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id),
  );
  return { zone, rows, defects: out, statusDate, asOfDate: ctx.meta.asOfDate, sample: ctx.meta.sample };
}

/** Label of a defect's category and state for the sheet. */
export function defectLabels(
  campaign: Campaign,
  d: FieldSheetDefect,
  lang: ExportLang,
): { category: string; state: string } {
  const L = campaignLabels(campaign, lang);
  return { category: L.category(d.category), state: L.state(d.overdue ? 'overdue' : d.state) };
}

/**
 * The QR code of `url` as an SVG data URL, for an `<img src>`: the SVG is never put into the page as markup.
 *
 * @example await qrSvgDataUrl('https://example.org/#zone=R300:C-001') // 'data:image/svg+xml;charset=utf-8,%3Csvg…'
 */
export async function qrSvgDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** One stop of today's route as printed on the field sheet. */
export interface RouteSheetRow {
  /** 1-based walking order. */
  n: number;
  key: string;
  name: string;
  /** Straight-line metres from the previous stop (the start for the first), rounded. */
  legM: number;
  /** Straight-line metres walked so far, rounded. */
  cumulativeM: number;
  /** WGS-84, 6 decimals, latitude first as people read them. */
  lat: string;
  lng: string;
}

export interface RouteSheet {
  rows: RouteSheetRow[];
  /** The last leg, back to the start, and the whole loop, rounded metres. */
  returnM: number;
  totalM: number;
}

/**
 * Today's route (src/field/route.ts, in walking order) as rows for the sheet. `legsM` has one more entry than
 * `stops`: the walk back to the start.
 */
export function buildRouteSheet(route: {
  stops: { key: string; name: string; lngLat: [number, number] }[];
  legsM: number[];
  totalM: number;
}): RouteSheet {
  if (route.legsM.length !== route.stops.length + 1)
    throw new Error(`route has ${route.stops.length} stops but ${route.legsM.length} legs (expected stops + 1)`);
  let walked = 0;
  const rows = route.stops.map((s, i): RouteSheetRow => {
    walked += route.legsM[i];
    return {
      n: i + 1,
      key: s.key,
      name: s.name,
      legM: Math.round(route.legsM[i]),
      cumulativeM: Math.round(walked),
      lat: s.lngLat[1].toFixed(6),
      lng: s.lngLat[0].toFixed(6),
    };
  });
  return { rows, returnM: Math.round(route.legsM[route.stops.length]), totalM: Math.round(route.totalM) };
}
