/** A defect's details fetched on demand (src/dataset/details.ts): loading, and a chunk that could not be used. */
export const LAZY_DETAILS_MESSAGES = {
  detailsLoading: { zh: '正在加载问题详情…', en: 'Loading the defect’s details…' },
  detailsChunkError: {
    zh: '问题详情无法加载（{file}：{message}），其余功能不受影响',
    en: 'The defect’s details could not be loaded ({file}: {message}); everything else still works',
  },
} as const;
