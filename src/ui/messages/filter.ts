/** The defect filter panel, the cluster list, and the warnings about a shared link's unusable values. */
export const FILTER_MESSAGES = {
  filtersTitle: { zh: '问题筛选', en: 'Defect filters' },
  filterShown: { zh: '显示 {shown} / {total} 个问题', en: '{shown} of {total} defects shown' },
  filterReset: { zh: '清除筛选', en: 'Clear filters' },
  filterTaskForce: { zh: '专项行动', en: 'Task force' },
  filterState: { zh: '处置状态', en: 'Lifecycle state' },
  filterOverdueOnly: { zh: '只看超期', en: 'Overdue only' },
  filterCategories: { zh: '问题类别：{name}', en: 'Categories: {name}' },
  filterChosen: { zh: '已选 {n}', en: '{n} chosen' },
  filterSubdistrict: { zh: '街道（镇）', en: 'Subdistrict or town' },
  filterUnit: { zh: '责任单位', en: 'Responsible unit' },
  filterFound: { zh: '发现日期', en: 'Date found' },
  filterFrom: { zh: '从', en: 'From' },
  filterTo: { zh: '至', en: 'To' },
  filterStale: { zh: '只看久未检查的对象上的问题', en: 'Only defects on objects not inspected lately' },
  filterStaleDays: { zh: '未检查天数', en: 'Days without inspection' },
  filterStaleDaysUnit: { zh: '天以上', en: 'days or more' },
  filterBadRange: { zh: '开始日期不能晚于结束日期', en: 'The start date is after the end date' },
  filterIgnored: { zh: '链接中无法识别的内容已忽略：', en: 'Ignored from the link:' },
  filterError: { zh: '筛选失败：{message}', en: 'Filtering failed: {message}' },
  clusterListTitle: { zh: '此处 {n} 个问题', en: '{n} defects here' },
  clusterListFirst: {
    zh: '列出前 {n} 个；放大地图可逐个查看',
    en: 'The first {n} are listed; zoom in to see each one',
  },
  clusterListClose: { zh: '关闭问题列表', en: 'Close the defect list' },
  linkUnknown: { zh: '{param}：没有{what}“{value}”，已忽略', en: '{param}: no {what} "{value}"; ignored' },
  linkBadZoom: {
    zh: '{param}：缩放级别应为 0–24，链接中为“{value}”，地图视野未采用',
    en: '{param}: expected a zoom 0–24, got "{value}"; map view ignored',
  },
  linkBadCenter: {
    zh: '{param}：中心点应为“经度,纬度”，链接中为“{value}”，地图视野未采用',
    en: '{param}: expected lng,lat in degrees, got "{value}"; map view ignored',
  },
  linkBadSelection: {
    zh: '{param}：应为“类型:编号”，链接中为“{value}”，已忽略',
    en: '{param}: expected kind:id, got "{value}"; ignored',
  },
  linkBadLang: {
    zh: '{param}：语言应为 zh 或 en，链接中为“{value}”，已忽略',
    en: '{param}: expected zh or en, got "{value}"; ignored',
  },
  linkBadDate: {
    zh: '{param}：“{value}”不是 YYYY-MM-DD 格式的日期，已忽略',
    en: '{param}: "{value}" is not a YYYY-MM-DD date; ignored',
  },
  linkBadFlag: {
    zh: '{param}：应为 1 或 0，链接中为“{value}”，已忽略',
    en: '{param}: expected 1 or 0, got "{value}"; ignored',
  },
  linkBadDays: {
    zh: '{param}：应为整数天数，链接中为“{value}”，已忽略',
    en: '{param}: expected a whole number of days, got "{value}"; ignored',
  },
  linkBadView: {
    zh: '{param}：没有页面“{value}”（可用 check：数据体检），已忽略',
    en: '{param}: no page "{value}" (check: the data check); ignored',
  },
  linkBadRadius: {
    zh: '{param}：{rule} 的半径应为 {min}–{max} 米，链接中为“{value}”，已忽略',
    en: '{param}: the radius of {rule} must be {min}–{max} m, got "{value}"; ignored',
  },
  linkReversedRange: {
    zh: '发现日期从 {from} 晚于至 {to}，日期范围未采用',
    en: 'found from {from} is after found to {to}; date range ignored',
  },
  linkNoCampaign: {
    zh: 'campaign.json 未能加载：链接中的半径和筛选未采用',
    en: 'campaign.json did not load: radii and filters in the link ignored',
  },
  linkWhatTaskForce: { zh: '专项行动', en: 'task force' },
  linkWhatState: { zh: '处置状态', en: 'state' },
  linkWhatCategory: { zh: '问题类别', en: 'category' },
  linkWhatSubdistrict: { zh: '街道（镇）', en: 'subdistrict' },
  linkWhatUnit: { zh: '责任单位', en: 'unit' },
  linkWhatRule: { zh: '攻坚范围规则', en: 'zone rule' },
};
