/** A site of several districts (districts.json): the roll-up of every district and the way back to it. */
export const DISTRICTS_MESSAGES = {
  districtsTitle: { zh: '各区县攻坚进度', en: 'Progress by district' },
  districtsCaption: {
    zh: '各区县问题整改情况（每个区县按其自身数据截至日期统计；本周 = 截至日期及前 6 天）',
    en: 'Defects by district (each counted at its own data date; this week = that date and the 6 days before)',
  },
  districtsGenerated: { zh: '汇总生成于 {time}', en: 'Roll-up made {time}' },
  districtsAll: { zh: '全部区县', en: 'All districts' },
  districtsAllLabel: { zh: '返回全部区县汇总', en: 'Back to the roll-up of all districts' },
  districtsUnknown: {
    zh: '没有区县代码为 {code} 的数据，请从下表选择区县。',
    en: 'There is no district with the code {code}; pick one from the table.',
  },
  districtsName: { zh: '区县', en: 'District' },
  districtsStatus: { zh: '数据状态', en: 'Data' },
  districtsAsOf: { zh: '数据截至', en: 'Data as of' },
  districtsOpen: { zh: '未整改', en: 'Open' },
  districtsOverdue: { zh: '超期', en: 'Overdue' },
  districtsClosedWeek: { zh: '本周销号', en: 'Closed this week' },
  districtsWorstTaskForce: { zh: '超期最多的专项', en: 'Task force most behind' },
  districtsWorstFigures: { zh: '{name}（超期 {overdue}）', en: '{name} ({overdue} overdue)' },
  districtsOk: { zh: '已更新 {time}', en: 'Refreshed {time}' },
  districtsFailed: {
    zh: '本次刷新失败，仍显示 {time} 的数据：{reason}',
    en: 'Last refresh failed; showing the data of {time}: {reason}',
  },
  districtsFailedNoData: { zh: '刷新失败，暂无数据：{reason}', en: 'Refresh failed, no data yet: {reason}' },
  districtsNone: { zh: '—', en: '—' },
  districtsMapTitle: { zh: '各区县分布图', en: 'Map of the districts' },
  districtsMapFigure: { zh: '着色依据', en: 'Coloured by' },
  districtsMapNoData: { zh: '无数据', en: 'No data' },
  districtsEmpty: { zh: 'districts.json 中没有区县。', en: 'districts.json lists no district.' },
};
