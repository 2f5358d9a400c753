import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant } from './format';

describe('format', () => {
  it('shows a calendar date as that day, in Chinese and English', () => {
    expect(formatDate('2019-09-12', 'zh')).toBe('2019年9月12日');
    expect(formatDate('2019-09-12', 'en')).toMatch(/12 Sept? 2019/);
  });

  it('shows an instant in Asia/Shanghai: 16:30 UTC is already the next day in Dinghai', () => {
    expect(formatInstant('2019-09-11T16:30:00Z', 'zh', 'Asia/Shanghai')).toMatch(/^2019年9月12日 00:30$/);
  });

  it('passes an unparseable instant through rather than showing "Invalid Date"', () => {
    expect(formatInstant('yesterday', 'en', 'Asia/Shanghai')).toBe('yesterday');
  });
});
