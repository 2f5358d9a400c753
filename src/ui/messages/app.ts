/** The app shell: header (title, language, as-of date, phase and countdowns), loading and data banners, the map area, the big screen. */
export const APP_MESSAGES = {
  appTitle: { zh: '创城攻坚地图', en: 'Campaign zone map' },
  languageSwitch: { zh: 'English', en: '中文' },
  languageSwitchLabel: { zh: '切换到英文界面', en: 'Switch to the Chinese interface' },
  sampleData: { zh: '示例数据', en: 'Sample data · 示例数据' },
  sampleDataNote: {
    zh: '示例数据：位置为合成数据，仅供演示',
    en: 'Sample data: synthetic positions, for demonstration only',
  },
  asOfDate: { zh: '数据日期', en: 'As of' },
  asOfDateReset: { zh: '恢复数据日期', en: 'Back to the data date' },
  generatedAt: { zh: '数据生成于', en: 'Data generated' },
  currentPhase: { zh: '当前阶段', en: 'Phase' },
  noPhase: { zh: '不在计划阶段内', en: 'Outside the plan phases' },
  daysLeft: { zh: '距{name}', en: 'To {name}' },
  daysUnit: { zh: '{n} 天', en: '{n} days' },
  daysPast: { zh: '已过 {n} 天', en: '{n} days ago' },
  evaluationToday: { zh: '今天', en: 'today' },
  loading: { zh: '正在加载数据…', en: 'Loading data…' },
  computing: { zh: '正在计算攻坚范围…', en: 'Computing zones…' },
  dataErrorsTitle: {
    zh: '部分数据文件缺失或格式错误，其余图层照常显示：',
    en: 'Some data files are missing or malformed; the other layers still show:',
  },
  engineError: { zh: '攻坚范围计算失败：{message}', en: 'Zone computation failed: {message}' },
  mapUnavailableTitle: {
    zh: '本机浏览器无法显示地图（WebGL 不可用）',
    en: 'This browser cannot show the map (WebGL is unavailable)',
  },
  mapUnavailableBody: {
    zh: '其余面板（图层、统计、导出）仍可使用。请在浏览器设置中开启硬件加速，或换用新版 Chrome、Edge、Firefox 后刷新页面。',
    en: 'The other panels (layers, summary, exports) still work. Turn on hardware acceleration in the browser settings, or use a recent Chrome, Edge or Firefox, then reload the page.',
  },
  mapLabel: { zh: '定海区攻坚范围地图', en: 'Zone map of Dinghai District' },
  sampleAttribution: {
    zh: '示例数据：社区、市场、小区、街巷、问题点位的位置为合成数据',
    en: 'Sample data: positions of communities, markets, compounds, streets and defects are synthetic',
  },
  bigScreenUpdated: { zh: '数据更新于 {time}', en: 'Data updated {time}' },
  bigScreenTopZones: { zh: '重点攻坚范围', en: 'Zones to focus on' },
  bigScreenExit: { zh: '退出大屏', en: 'Leave the big screen' },
  bigScreenTitle: { zh: '大屏', en: 'Big screen' },
};
