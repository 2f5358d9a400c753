import { describe, expect, it } from 'vitest';
import { isFirstFile, LATER_FILES, ON_DEMAND_FILES } from './file-groups';
import { DATASET_PATHS, OPTIONAL_PATHS } from './paths';

describe('isFirstFile', () => {
  it('says yes to exactly the data-set files a load reads at once', () => {
    const later = [...LATER_FILES, ...ON_DEMAND_FILES] as string[];
    for (const [key, path] of Object.entries({ ...DATASET_PATHS, ...OPTIONAL_PATHS }))
      expect(isFirstFile(key, path), key).toBe(!later.includes(key));
  });

  it('says no to photos, other files and paths that leave the data folder', () => {
    expect(isFirstFile('photo:field-photo-R1_1.jpg', 'field-photo-R1_1.jpg')).toBe(false);
    expect(isFirstFile('photos', 'field-photo-R1_1.jpg')).toBe(false);
    expect(isFirstFile('campaign', '../campaign.json')).toBe(false);
    expect(isFirstFile('campaign', '/etc/campaign.json')).toBe(false);
    expect(isFirstFile('campaign', 'campaign.json?x=1')).toBe(false);
    expect(isFirstFile('campaign', 'campaign.json')).toBe(true);
  });
});
