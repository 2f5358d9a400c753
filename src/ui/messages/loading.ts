/** Loading in steps (issue #14): the map and zones draw first, the defects follow. */
export const LOADING_MESSAGES = {
  loadingDefects: { zh: '正在加载问题点…', en: 'Loading defects…' },
};
