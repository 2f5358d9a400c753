/**
 * A new district's data folder, as files: campaign.json from the template, sources.json, the boundary in WGS-84,
 * the division codes, land (the template's land file if it covers the district, else the boundary), the
 * spreadsheets to fill in and a README.txt in Chinese. Pure: parsed inputs in, file contents out; the script
 * (scripts/new-district.ts) reads and writes.
 */
import type { FeatureCollection } from 'geojson';
import type { Campaign } from '../campaign/types';
import type { SourceCrs, SourceSpec, SourcesFile } from '../ingest/types';
import { boundaryExtent, boundaryInWgs84, geojsonFeatures, idOf, pickFeature } from './boundary';
import { districtCampaign } from './campaign';
import { districtDivisions, divisionsCsv, divisionsSource, type DivisionTables } from './divisions';
import { landShare, MIN_LAND_SHARE } from './land';
import { districtReadme } from './readme';
import { templateSource, templateSpecs, writeTemplate } from './templates';

export const BOUNDARY_PATH = 'geodata/boundary_wgs84.geojson';
export const DIVISIONS_PATH = 'geodata/divisions.csv';

export interface DistrictInput {
  /** The boundary file, parsed, and its name (for messages and the attribution). */
  boundary: unknown;
  boundaryFile: string;
  crs: SourceCrs;
  /** Adcode or name of the feature to use when the file holds several. */
  pick?: string;
  template: Campaign;
  /** The template folder's land source, if it has one: its entry in sources.json and its parsed file. */
  templateLand: { spec: SourceSpec; json: FeatureCollection } | null;
  divisionTables: DivisionTables;
  /** The folder as the user named it, for the commands in README.txt. */
  folder?: string;
}

export interface DistrictFolder {
  files: { path: string; content: string | Uint8Array }[];
  campaign: Campaign;
  /** Share of the boundary on the template's land file (null without one) and whether it is used. */
  land: { share: number | null; copied: boolean };
  notes: string[];
}

/**
 * Builds the folder's files. Throws with a one-line message when the boundary cannot be used (no feature picked,
 * bad geometry, no adcode) or the adcode is not in the division codes.
 *
 * @example const { files } = await districtFolder({ boundary, boundaryFile, crs: 'gcj02', pick: '岱山县', … });
 */
export async function districtFolder(input: DistrictInput): Promise<DistrictFolder> {
  const feature = pickFeature(geojsonFeatures(input.boundary), input.pick);
  const { adcode } = idOf(feature);
  if (!adcode)
    throw new Error(`the boundary feature has no 6-digit "adcode" property; add one to ${input.boundaryFile}`);
  const divisions = districtDivisions(input.divisionTables, adcode);
  const name = divisions[0].name;
  const boundary = boundaryInWgs84(feature, input.crs, adcode, name);
  const { bbox, center } = boundaryExtent(boundary);
  const townships = divisions.filter((d) => d.level === 'township');
  const { campaign, notes } = districtCampaign(input.template, { adcode, name, bbox, center, townships });

  const share = input.templateLand ? landShare(boundary, input.templateLand.json) : null;
  const copied = share !== null && share >= MIN_LAND_SHARE;
  const boundaryAttribution = attributionOf(feature.properties ?? {}, input.boundaryFile);
  const landSource: SourceSpec =
    copied && input.templateLand
      ? { ...input.templateLand.spec, id: 'land', path: `geodata/${baseName(input.templateLand.spec.path)}` }
      : {
          id: 'land',
          path: BOUNDARY_PATH,
          kind: 'land',
          format: 'geojson',
          crs: 'wgs84',
          attribution: boundaryAttribution,
        };
  const specs = templateSpecs(campaign, divisions);
  const sources: SourcesFile = {
    schemaVersion: 1,
    sources: [
      {
        id: 'boundary',
        path: BOUNDARY_PATH,
        kind: 'boundary',
        format: 'geojson',
        crs: 'wgs84',
        attribution: boundaryAttribution,
      },
      landSource,
      divisionsSource(DIVISIONS_PATH),
      ...specs.map(templateSource),
    ],
  };
  const files: DistrictFolder['files'] = [
    { path: 'campaign.json', content: `${JSON.stringify(campaign, null, 2)}\n` },
    { path: 'sources.json', content: `${JSON.stringify(sources, null, 2)}\n` },
    { path: BOUNDARY_PATH, content: `${JSON.stringify({ type: 'FeatureCollection', features: [boundary] })}\n` },
    { path: DIVISIONS_PATH, content: divisionsCsv(divisions) },
  ];
  if (copied && input.templateLand)
    files.push({ path: landSource.path, content: `${JSON.stringify(input.templateLand.json)}\n` });
  for (const spec of specs) files.push({ path: spec.path, content: await writeTemplate(spec, campaign, divisions) });
  files.push({
    path: 'README.txt',
    content: districtReadme({
      campaign,
      specs,
      notes,
      land: { share, copied, path: landSource.path },
      divisions,
      folder: input.folder,
    }),
  });
  return { files, campaign, land: { share, copied }, notes };
}

/** DataV GeoAtlas features carry `acroutes`; anything else is attributed to the file it came from. */
function attributionOf(props: Record<string, unknown>, file: string): NonNullable<SourceSpec['attribution']> {
  if ('acroutes' in props)
    return {
      name: 'Alibaba DataV GeoAtlas (Amap); converted to WGS-84',
      source: 'https://datav.aliyun.com/portal/school/atlas/area_selector',
      licence: 'Free use in visualisations, no open-data licence',
    };
  return { name: `District boundary from ${baseName(file)}`, source: baseName(file), licence: 'unknown: fill in' };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
