/**
 * Whether a land file covers a district: the zones of rules that clip to land (an island district's 1 km circle
 * reaches into the sea) are only right where the land polygons cover the district. A land file made for another
 * area (the bundled Zhoushan islands file misses most of 嵊泗 and part of 岱山) would silently drop the objects
 * outside it, so a new district uses it only when it covers enough of the boundary; else the boundary itself
 * stands in for land.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { area, featureCollection, intersect, union } from '@turf/turf';

/** Share of the boundary's area that must lie on the land file's polygons for the file to count as covering. */
export const MIN_LAND_SHARE = 0.85;

/**
 * The share (0…1) of `boundary`'s area that lies on `land`, both WGS-84. The bundled OSM islands give 0.89 for
 * 定海区 (their coarse coastline leaves out some shore), 0.56 for 岱山县 and 0 for 嵊泗县.
 *
 * @example landShare(daishan, zhoushanLand) // 0.56
 */
export function landShare(boundary: Feature<Polygon | MultiPolygon>, land: FeatureCollection): number {
  const polygons = land.features.filter(
    (f): f is Feature<Polygon | MultiPolygon> => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  if (polygons.length === 0) return 0;
  const merged = polygons.length === 1 ? polygons[0] : union(featureCollection(polygons));
  if (!merged) return 0;
  const on = intersect(featureCollection([boundary, merged]));
  const total = area(boundary);
  return on && total > 0 ? Math.min(1, area(on) / total) : 0;
}
