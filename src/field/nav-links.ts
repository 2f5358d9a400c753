/**
 * Links that open a place in the phone's own map app, for the 导航 button. Our data are WGS-84; Amap (高德) reads
 * GCJ-02 and Baidu BD-09, so the point is converted with `gcoord` first (in Dinghai GCJ-02 sits about 420 m east
 * and 250 m south of WGS-84: an unconverted link would send an inspector to the wrong street). The `geo:` URI
 * (RFC 5870) is WGS-84 by definition and opens whatever map app Android has.
 *
 * - Amap: `https://uri.amap.com/marker?position=lng,lat&name=…&coordinate=gaode&callnative=1` (Amap's web URI API;
 *   `coordinate=gaode` says the position is GCJ-02, `callnative=1` opens the app when installed).
 * - Baidu: `https://api.map.baidu.com/marker?location=lat,lng&title=…&content=…&output=html&coord_type=bd09ll&src=…`
 *   (Baidu's web URI API, latitude first; we convert to BD-09 ourselves and say so with `coord_type=bd09ll`).
 * - geo: `geo:lat,lng?q=lat,lng(name)`.
 */
import gcoord from 'gcoord';
import type { LngLat } from '../campaign/types';

/** Names the calling app to Baidu's URI API (required by it; any `company.app` string). */
const BAIDU_SRC = 'zonemap.campaign';
/** Six decimals: 0.1 m, finer than any phone's fix. */
const DECIMALS = 6;

export interface NavLinks {
  amap: string;
  baidu: string;
  geo: string;
  /** The converted points the links carry, `[lng, lat]`. */
  gcj02: LngLat;
  bd09: LngLat;
}

/**
 * The three map-app links of a WGS-84 point named `name`.
 *
 * @example navLinks([122.1, 30.02], '和平小区').amap // 'https://uri.amap.com/marker?position=122.104…,30.017…&name=…'
 */
export function navLinks(wgs84: LngLat, name: string): NavLinks {
  const [lng, lat] = wgs84;
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    throw new Error(`navLinks: [${lng}, ${lat}] is not a WGS-84 [lng, lat]`);
  const gcj02 = round(gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as LngLat);
  const bd09 = round(gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as LngLat);
  const label = encodeURIComponent(name);
  const w = round(wgs84);
  return {
    amap: `https://uri.amap.com/marker?position=${gcj02[0]},${gcj02[1]}&name=${label}&coordinate=gaode&callnative=1`,
    baidu:
      `https://api.map.baidu.com/marker?location=${bd09[1]},${bd09[0]}&title=${label}&content=${label}` +
      `&output=html&coord_type=bd09ll&src=${BAIDU_SRC}`,
    geo: `geo:${w[1]},${w[0]}?q=${w[1]},${w[0]}(${label})`,
    gcj02,
    bd09,
  };
}

function round([lng, lat]: LngLat): LngLat {
  return [Number(lng.toFixed(DECIMALS)), Number(lat.toFixed(DECIMALS))];
}
