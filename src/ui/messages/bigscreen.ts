/** The big screen (大屏): tour control, 红黑榜 and trend tiles. */
export const BIG_SCREEN_MESSAGES = {
  bigTourStop: { zh: '停止巡游', en: 'Stop the tour' },
  bigTourStart: { zh: '开始巡游', en: 'Start the tour' },
  bigTourAt: { zh: '巡游：{name}', en: 'Touring: {name}' },
  bigRedBlackTitle: { zh: '红黑榜（责任单位）', en: 'Red and black list (units)' },
  bigUnitLine: { zh: '{rate} / {n}', en: '{rate} / {n}' },
  bigUnitHead: { zh: '每行：销号率 / 超期问题数', en: 'Each row: share closed / overdue defects' },
  bigTrendTitle: { zh: '周趋势', en: 'Weekly trend' },
  bigTrendLoading: { zh: '正在加载图表…', en: 'Loading the chart…' },
} as const;
