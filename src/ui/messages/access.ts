/** Keyboard and screen-reader access, and staff conveniences: the skip link, dialogs, copy link, zone search. */
export const ACCESS_MESSAGES = {
  skipToMap: { zh: '跳到地图', en: 'Skip to the map' },
  colRule: { zh: '攻坚规则', en: 'Rule' },
  colLayer: { zh: '对象类型', en: 'Kind of object' },
  colWeek: { zh: '报告周', en: 'Report week' },
  copyLink: { zh: '复制链接', en: 'Copy link' },
  copyLinkLabel: {
    zh: '复制当前页面的链接（含地图位置、筛选和所选范围）',
    en: 'Copy the link to this page (with the map position, filters and selected zone)',
  },
  copied: { zh: '已复制', en: 'Copied' },
  copyLinkManual: {
    zh: '浏览器不允许复制：链接已选中，请按 Ctrl+C 复制',
    en: 'The browser refused to copy: the link is selected, press Ctrl+C',
  },
  copyLinkField: { zh: '当前页面链接', en: 'Link to this page' },
  zoneSearch: { zh: '搜索范围（中心点名称或街道）', en: 'Search zones (anchor name or subdistrict)' },
  zoneSearchPlaceholder: { zh: '输入名称或街道筛选', en: 'Type a name or subdistrict' },
  zoneSearchNone: { zh: '没有匹配的范围', en: 'No zone matches' },
  zoneSearchCount: { zh: '{n} 个范围匹配', en: '{n} zones match' },
  sidebarTabs: { zh: '侧栏', en: 'Sidebar' },
  sidebarTabOverview: { zh: '概况', en: 'Overview' },
  sidebarTabExport: { zh: '导出与报表', en: 'Export and reports' },
};
