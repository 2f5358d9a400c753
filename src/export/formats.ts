/**
 * The zone list's file formats, apart from the writers so the app can draw its export buttons without loading the
 * XLSX, KML and CSV code (zone-export.ts is imported on the first click).
 */
export const ZONE_FORMATS = ['csv', 'xlsx', 'geojson', 'kml'] as const;
export type ZoneFormat = (typeof ZONE_FORMATS)[number];
