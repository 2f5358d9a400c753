/** Keyboard and screen-reader access, and staff conveniences: the skip link, dialogs, copy link, zone search. */
export const ACCESS_MESSAGES = {
  skipToMap: { zh: '跳到地图', en: 'Skip to the map' },
  colRule: { zh: '攻坚规则', en: 'Rule' },
  colLayer: { zh: '对象类型', en: 'Kind of object' },
  colWeek: { zh: '报告周', en: 'Report week' },
};
