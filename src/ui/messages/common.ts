/** Words several features share: yes/no, units, show more/less, the filter-scope note. */
export const COMMON_MESSAGES = {
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  unknown: { zh: '未知', en: 'Unknown' },
  showAll: { zh: '全部 {n} 项', en: 'All {n}' },
  showLess: { zh: '收起', en: 'Show fewer' },
  metresUnit: { zh: '{m} 米', en: '{m} m' },
  scopeFiltered: { zh: '按筛选：{n} / {total} 个问题', en: 'Filtered: {n} / {total} defects' },
  scopeFilteredWaiting: { zh: '按筛选：正在计算…', en: 'Filtered: counting…' },
};
