import { describe, expect, it } from 'vitest';
import { parseVertices } from './vertices';

describe('parseVertices', () => {
  it('reads lng,lat pairs separated by ; or line breaks, full-width punctuation too', () => {
    expect(parseVertices('122.1,30.0;122.2,30.1')).toEqual({
      ok: true,
      value: [
        [122.1, 30],
        [122.2, 30.1],
      ],
    });
    expect(parseVertices('122.1, 30.0；\n122.2，30.1;')).toEqual({
      ok: true,
      value: [
        [122.1, 30],
        [122.2, 30.1],
      ],
    });
    expect(parseVertices('１２２．１,３０;122.2,30.1;122.3,30.2')).toMatchObject({ ok: true });
  });

  it('names the vertex of each fault', () => {
    expect(parseVertices('122.1,30.0;122.2')).toEqual({
      ok: false,
      reason: "vertex 2: '122.2' is not 'lng,lat' (vertices are 'lng,lat' separated by ';')",
    });
    expect(parseVertices('122.1,30.0;122.2 30.1')).toMatchObject({ reason: expect.stringMatching(/^vertex 2: /) });
    expect(parseVertices('122.1,30.0;;122.2,30.1')).toEqual({
      ok: false,
      reason: "vertex 2 is empty (two ';' in a row)",
    });
    expect(parseVertices('122.1,30.0;122.2,abc')).toEqual({ ok: false, reason: "vertex 2: lat: not a number: 'abc'" });
    expect(parseVertices('122.1,30.0;,30.1')).toEqual({ ok: false, reason: 'vertex 2: lng: blank' });
  });

  it('refuses 度分秒 with the decimal degrees to write, as the 经度 column does', () => {
    expect(parseVertices(`122.1,30.0;122°18'30",30.1`)).toEqual({
      ok: false,
      reason: `vertex 2: lng: degrees-minutes-seconds '122°18'30"': write decimal degrees (122.308333)`,
    });
  });

  it('needs two vertices, and a blank cell is missing', () => {
    expect(parseVertices('122.1,30.0;')).toEqual({
      ok: false,
      reason: "1 vertex: a line needs at least 2 ('lng,lat;lng,lat;…')",
    });
    expect(parseVertices('  ')).toEqual({ ok: false, reason: 'missing' });
    expect(parseVertices(null)).toEqual({ ok: false, reason: 'missing' });
  });
});
