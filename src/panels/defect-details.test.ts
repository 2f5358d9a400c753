import { describe, expect, it } from 'vitest';
import { safeHref } from './DefectDetails';

describe('safeHref (photo links)', () => {
  const base = 'https://zonemap.example/app/';
  it('links http(s) and relative addresses', () => {
    expect(safeHref('https://img.example/p/1.jpg', base)).toBe('https://img.example/p/1.jpg');
    expect(safeHref('photos/D1-1.jpg', base)).toBe('https://zonemap.example/app/photos/D1-1.jpg');
  });
  it('leaves script, data and malformed addresses as text', () => {
    expect(safeHref('javascript:alert(1)', base)).toBeNull();
    expect(safeHref(' JavaScript:alert(1)', base)).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>', base)).toBeNull();
    expect(safeHref('http://[bad', base)).toBeNull();
  });
});
