/** Working offline: the 离线 badge, the update prompt and 下载本片区 (src/app/OfflineStatus.tsx, TripDownload.tsx). */
export const OFFLINE_MESSAGES = {
  offlineBadge: { zh: '离线 · 数据 {time}', en: 'Offline · data {time}' },
  offlineBadgeNoData: { zh: '离线', en: 'Offline' },
  offlineBadgeTitle: {
    zh: '没有网络：显示本机保存的数据（生成于 {time}）。联网后自动获取新数据。',
    en: 'No network: showing the data stored on this device (made {time}). New data loads when the network is back.',
  },
  updateReady: { zh: '新版本 · 更新', en: 'New version · update' },
  updating: { zh: '正在更新…', en: 'Updating…' },
  updateReadyTitle: {
    zh: '新版本已下载。点击后重新载入页面；本机保存的记录和数据不会丢失。',
    en: 'A new version is ready. Click to reload the page; records and data stored on this device are kept.',
  },
  tripTitle: { zh: '下载本片区（离线使用）', en: 'Download an area for offline use' },
  tripIntro: {
    zh: '出发前选择攻坚范围或街道（镇），把所需数据保存到本机，没有信号时也能查看问题详情。',
    en: 'Before a trip, pick a zone or a subdistrict and store what it needs on this device, so defect details open without signal.',
  },
  tripKind: { zh: '按', en: 'By' },
  tripKindZone: { zh: '攻坚范围', en: 'Zone' },
  tripKindSubdistrict: { zh: '街道（镇）', en: 'Subdistrict' },
  tripPick: { zh: '选择', en: 'Pick' },
  tripButton: { zh: '下载本片区', en: 'Download this area' },
  tripBusy: { zh: '正在下载…', en: 'Downloading…' },
  tripDone: {
    zh: '已保存 {defects} 个问题点位所需的数据：{files} 个文件，{mb} MB（本次下载 {fetched} 个文件，{fetchedMb} MB）。',
    en: 'Stored what {defects} defects need: {files} files, {mb} MB ({fetched} files, {fetchedMb} MB downloaded now).',
  },
  tripPhotos: { zh: '其中照片 {n} 张。', en: 'Including {n} photos.' },
  tripPhotosElsewhere: {
    zh: '{n} 张照片在其他网站上，不能离线保存。',
    en: '{n} photos are on other sites and cannot be stored.',
  },
  tripStorage: {
    zh: '本机共占用 {usage} MB，浏览器允许 {quota} MB。',
    en: 'This site uses {usage} MB on the device, of {quota} MB the browser allows.',
  },
  tripPersisted: {
    zh: '已获准持久保存，空间紧张时浏览器不会自动清除。',
    en: 'Storage is persistent: the browser will not clear it when space is short.',
  },
  tripNotPersisted: {
    zh: '浏览器未同意持久保存：空间紧张时可能被清除。安装到主屏幕后通常会同意。',
    en: 'The browser did not grant persistent storage: it may clear it when space is short. Installing the app usually helps.',
  },
  tripTiles: {
    zh: '在线底图瓦片不下载（OpenStreetMap 不允许批量下载）；离线时地图使用自带的离线底图。',
    en: 'Online basemap tiles are not downloaded (OpenStreetMap forbids bulk downloads); offline, the map uses the built-in offline basemap.',
  },
  tripFailed: { zh: '{n} 个文件未能保存：{files}', en: '{n} files could not be stored: {files}' },
  tripError: { zh: '下载失败：{message}', en: 'Download failed: {message}' },
  tripUnavailable: {
    zh: '此浏览器不能离线保存：需要通过 HTTPS（或本机 localhost）打开本应用，并允许网站存储数据。',
    en: 'This browser cannot store data offline: open the app over HTTPS (or on localhost) and allow site storage.',
  },
} as const;
