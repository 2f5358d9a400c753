import { describe, expect, it } from 'vitest';
import {
  fitWithin,
  MAX_ORIGINAL_BYTES,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_RECORD,
  refuseOriginal,
  refuseShrunk,
} from './photo-limits';

describe('photo limits', () => {
  it('shrinks a phone photo so its long side is 1600 px, keeping its shape', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4000, 1000)).toEqual({ width: 1600, height: 400 });
  });

  it('never enlarges a small photo, and never makes a side 0', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
    expect(fitWithin(20000, 3)).toEqual({ width: 1600, height: 1 });
    expect(() => fitWithin(0, 10)).toThrow('image size must be positive');
  });

  it('refuses a photo over the count per record, a file that is not an image, an original too big to decode', () => {
    expect(refuseOriginal(MAX_PHOTOS_PER_RECORD - 1, 'image/jpeg', 5_000_000)).toBeNull();
    expect(refuseOriginal(MAX_PHOTOS_PER_RECORD, 'image/jpeg', 1000)).toEqual({
      reason: 'tooMany',
      max: MAX_PHOTOS_PER_RECORD,
    });
    expect(refuseOriginal(0, 'application/pdf', 1000)).toEqual({ reason: 'notImage', type: 'application/pdf' });
    expect(refuseOriginal(0, 'image/heic', MAX_ORIGINAL_BYTES + 1)).toMatchObject({ reason: 'originalTooBig' });
  });

  it('refuses a shrunk photo over the byte limit, and takes one at it', () => {
    expect(refuseShrunk(MAX_PHOTO_BYTES)).toBeNull();
    expect(refuseShrunk(MAX_PHOTO_BYTES + 1)).toEqual({
      reason: 'tooBig',
      bytes: MAX_PHOTO_BYTES + 1,
      max: MAX_PHOTO_BYTES,
    });
  });
});
