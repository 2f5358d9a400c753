/**
 * KML 2.2 for Google Earth and the Chinese field apps (奥维, 两步路) that import it: Document → Folder per zone →
 * Placemark per row, row columns in ExtendedData, one Style per state coloured from the campaign's lifecycle.
 *
 * Escaping: every text node is XML-escaped, with characters XML 1.0 cannot hold removed, so `]]>`, quotes and
 * `<script>` arrive as text. Google Earth renders `<description>` as HTML, so the description is HTML-escaped
 * first and then XML-escaped: a name like `<img onerror=…>` shows as those characters in the balloon. Each style's
 * BalloonStyle shows only `$[description]`, so ExtendedData values (kept raw for a faithful round trip through
 * toGeoJSON) are never put into the balloon's HTML.
 */
import type { Geometry, Position } from 'geojson';
import type { Campaign } from '../campaign/types';
import { campaignLabels, named, radiusChangeLines, word, type ExportLang, type LabelOptions } from './labels';
import type { ExportObject } from './objects';
import { headerOf, zoneTable } from './table';
import type { ExportMeta, ZoneRow } from './zone-rows';

export const KML_MIME = 'application/vnd.google-earth.kml+xml';

export interface KmlData {
  name: string;
  displayName?: string;
  value: string | number | null;
}

export interface KmlPlacemark {
  name: string;
  /** Plain-text lines for the balloon; escaped for HTML and XML here. */
  description: string[];
  styleId?: string;
  data: KmlData[];
  geometry: Geometry | null;
}

export interface KmlStyle {
  id: string;
  /** `#rrggbb` */
  color: string;
}

export interface KmlDocument {
  name: string;
  description: string[];
  styles: KmlStyle[];
  folders: { name: string; placemarks: KmlPlacemark[] }[];
}

export function toKml(doc: KmlDocument): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${xmlText(doc.name)}</name>`,
    `<description>${htmlDescription(doc.description)}</description>`,
  ];
  for (const s of doc.styles) {
    const c = kmlColor(s.color);
    out.push(
      `<Style id="${xmlText(s.id)}">` +
        `<IconStyle><color>${c}</color><scale>1.1</scale>` +
        '<Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle>' +
        `<LineStyle><color>${c}</color><width>4</width></LineStyle>` +
        `<PolyStyle><color>${kmlColor(s.color, 0x66)}</color></PolyStyle>` +
        '<BalloonStyle><text>$[description]</text></BalloonStyle>' +
        '</Style>',
    );
  }
  for (const f of doc.folders) {
    out.push('<Folder>', `<name>${xmlText(f.name)}</name>`);
    for (const p of f.placemarks) out.push(placemark(p));
    out.push('</Folder>');
  }
  out.push('</Document>', '</kml>', '');
  return out.join('\n');
}

/** A zone list as a KML document: a folder per zone, a placemark per object, state-coloured. */
export function zoneKml(
  rows: ZoneRow[],
  objects: ReadonlyMap<string, ExportObject>,
  campaign: Campaign,
  lang: ExportLang,
  meta: ExportMeta & { title: string; filters: string[] },
  options: LabelOptions = {},
): KmlDocument {
  const table = zoneTable(rows, campaign, lang, options);
  const L = campaignLabels(campaign, lang, options);
  const colon = lang === 'zh' ? '：' : ': ';
  const headers = table.columns.map((c) => headerOf(c, lang));
  const styles = new Map<string, KmlStyle>();
  const folders = new Map<string, { name: string; placemarks: KmlPlacemark[] }>();
  rows.forEach((r, i) => {
    const cells = table.rows[i];
    let folder = folders.get(r.zoneId);
    if (!folder) {
      folder = { name: `${r.anchorName} · ${L.rule(r.ruleId)} (${r.zoneId})`, placemarks: [] };
      folders.set(r.zoneId, folder);
    }
    const stateKey = r.state ?? 'unknown';
    if (!styles.has(stateKey)) styles.set(stateKey, { id: `state-${stateKey}`, color: stateColor(campaign, r.state) });
    const obj = objects.get(r.objectId);
    folder.placemarks.push({
      name: r.objectName || r.objectId,
      description: table.columns.map((_, j) => `${headers[j]}: ${cells[j] ?? ''}`),
      styleId: `state-${stateKey}`,
      data: table.columns.map((c, j) => ({ name: c.key, displayName: headers[j], value: cells[j] })),
      geometry: obj
        ? obj.geometry
        : r.lng !== null && r.lat !== null
          ? { type: 'Point', coordinates: [r.lng, r.lat] }
          : null,
    });
  });
  return {
    name: meta.title,
    description: [
      named(lang, campaign.name),
      ...meta.filters,
      ...radiusChangeLines(campaign, options.radii ?? [], lang).map(
        (line) => `${word(lang, 'whatIfRadius')}${colon}${line}`,
      ),
      `${word(lang, 'asOfDate')}: ${meta.asOfDate}`,
      `${word(lang, 'dataKind')}: ${word(lang, meta.sample ? 'sampleData' : 'realData')}`,
    ],
    styles: [...styles.values()],
    folders: [...folders.values()],
  };
}

function placemark(p: KmlPlacemark): string {
  const parts = [
    '<Placemark>',
    `<name>${xmlText(p.name)}</name>`,
    `<description>${htmlDescription([p.name, ...p.description])}</description>`,
  ];
  if (p.styleId) parts.push(`<styleUrl>#${xmlText(p.styleId)}</styleUrl>`);
  parts.push('<ExtendedData>');
  for (const d of p.data) {
    const display = d.displayName ? `<displayName>${xmlText(d.displayName)}</displayName>` : '';
    parts.push(
      `<Data name="${xmlAttr(d.name)}">${display}<value>${d.value === null ? '' : xmlText(String(d.value))}</value></Data>`,
    );
  }
  parts.push('</ExtendedData>');
  if (p.geometry) parts.push(geometryXml(p.geometry));
  parts.push('</Placemark>');
  return parts.join('');
}

function geometryXml(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${coord(g.coordinates)}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate><coordinates>${coords(g.coordinates)}</coordinates></LineString>`;
    case 'Polygon':
      return polygonXml(g.coordinates);
    case 'MultiPoint':
      return multi(g.coordinates.map((c) => geometryXml({ type: 'Point', coordinates: c })));
    case 'MultiLineString':
      return multi(g.coordinates.map((c) => geometryXml({ type: 'LineString', coordinates: c })));
    case 'MultiPolygon':
      return multi(g.coordinates.map(polygonXml));
    case 'GeometryCollection':
      return multi(g.geometries.map(geometryXml));
  }
}

function polygonXml(rings: Position[][]): string {
  const [outer, ...holes] = rings;
  const ring = (r: Position[]) => `<LinearRing><coordinates>${coords(r)}</coordinates></LinearRing>`;
  return (
    '<Polygon>' +
    (outer ? `<outerBoundaryIs>${ring(outer)}</outerBoundaryIs>` : '') +
    holes.map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`).join('') +
    '</Polygon>'
  );
}

function multi(parts: string[]): string {
  return `<MultiGeometry>${parts.join('')}</MultiGeometry>`;
}

function coord(p: Position): string {
  return `${num(p[0])},${num(p[1])}`;
}

function coords(ps: Position[]): string {
  return ps.map(coord).join(' ');
}

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : '0';
}

function stateColor(campaign: Campaign, state: ZoneRow['state']): string {
  const d = campaign.lifecycle.derived;
  if (state === 'overdue') return d.overdue.color;
  if (state === 'clean') return d.clean.color;
  if (state === 'neverInspected' || state === null) return d.neverInspected.color;
  return campaign.lifecycle.states.find((s) => s.code === state)?.color ?? d.neverInspected.color;
}

/** `#rrggbb` → KML `aabbggrr`. */
export function kmlColor(hex: string, alpha = 0xff): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = m ? [m[1], m[2], m[3]] : ['88', '88', '88'];
  return `${alpha.toString(16).padStart(2, '0')}${b}${g}${r}`.toLowerCase();
}

// Characters XML 1.0 forbids even as references, and lone surrogates.
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for an XML text node; CR is kept as a reference so a parser does not fold it into LF. */
export function xmlText(s: string): string {
  return s
    .replace(XML_ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Plain lines → HTML (escaped, `<br>` between lines) → XML text. */
function htmlDescription(lines: string[]): string {
  return xmlText(lines.map(htmlEscape).join('<br>'));
}

function htmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r\n|\r|\n/g, '<br>');
}
