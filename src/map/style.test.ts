import { describe, expect, it } from 'vitest';
import { basemapOfSource, buildBaseStyle, rasterLayerIds } from './style';

describe('base style', () => {
  it('draws sea, land and the district outline without any tile server', () => {
    const style = buildBaseStyle({ tiandituKey: null, basemap: 'offline' });
    expect(style.layers.map((l) => l.id)).toEqual(['sea', 'land', 'land-edge', 'osm', 'boundary']);
    const osm = style.layers.find((l) => l.id === 'osm');
    expect(osm?.layout).toEqual({ visibility: 'none' });
  });

  it('offers Tianditu only with a key, and puts the key in its tile URLs', () => {
    expect(rasterLayerIds('tianditu', null)).toEqual([]);
    expect(rasterLayerIds('tianditu', 'abc')).toEqual(['tianditu-vec', 'tianditu-cva']);
    const style = buildBaseStyle({ tiandituKey: 'abc', basemap: 'tianditu' });
    const src = style.sources['tianditu-cva'];
    expect(src.type === 'raster' && src.tiles?.[0]).toContain('LAYER=cva');
    expect(src.type === 'raster' && src.tiles?.[0]).toContain('tk=abc');
    expect(style.layers.find((l) => l.id === 'tianditu-vec')?.layout).toEqual({ visibility: 'visible' });
  });

  it('maps a failing raster source back to its basemap for the fallback', () => {
    expect(basemapOfSource('tianditu-cva', 'abc')).toBe('tianditu');
    expect(basemapOfSource('osm', null)).toBe('osm');
    expect(basemapOfSource('land', null)).toBeNull();
  });
});
