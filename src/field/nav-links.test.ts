import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/geodesy';
import { navLinks } from './nav-links';

describe('navLinks', () => {
  const wgs: [number, number] = [122.1, 30.02];
  const links = navLinks(wgs, '和平小区 & <x>');

  it('sends Amap a GCJ-02 point, which in Dinghai lies a few hundred metres from the WGS-84 one', () => {
    const [lng, lat] = links.gcj02;
    // DOMAIN.md: GCJ-02 sits about 420 m east and 250 m south of WGS-84 here.
    expect(lng).toBeGreaterThan(wgs[0]);
    expect(lat).toBeLessThan(wgs[1]);
    expect(haversineM(wgs, links.gcj02)).toBeGreaterThan(350);
    expect(haversineM(wgs, links.gcj02)).toBeLessThan(600);
    // And it converts back to where we started, within a metre.
    expect(haversineM(gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number], wgs)).toBeLessThan(
      1,
    );
    const url = new URL(links.amap);
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe(`${lng},${lat}`);
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('name')).toBe('和平小区 & <x>');
  });

  it('sends Baidu a BD-09 point, latitude first, and says so', () => {
    const [lng, lat] = links.bd09;
    expect(haversineM(gcoord.transform([lng, lat], gcoord.BD09, gcoord.WGS84) as [number, number], wgs)).toBeLessThan(
      1,
    );
    expect(haversineM(links.gcj02, links.bd09)).toBeGreaterThan(500);
    const url = new URL(links.baidu);
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    expect(url.searchParams.get('location')).toBe(`${lat},${lng}`);
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
    expect(url.searchParams.get('title')).toBe('和平小区 & <x>');
  });

  it('gives a geo: URI in WGS-84, latitude first', () => {
    expect(links.geo).toBe('geo:30.02,122.1?q=30.02,122.1(%E5%92%8C%E5%B9%B3%E5%B0%8F%E5%8C%BA%20%26%20%3Cx%3E)');
  });

  it('refuses what is not a WGS-84 point', () => {
    expect(() => navLinks([30.02, 122.1], 'x')).toThrow(/not a WGS-84/);
    expect(() => navLinks([Number.NaN, 30], 'x')).toThrow(/not a WGS-84/);
  });
});
