/** The phone layout's fixes from the field journey (issue #11): the map legend folds away on a phone. */
export const PHONE_MESSAGES = {
  legendShow: { zh: '图例', en: 'Legend' },
  legendHide: { zh: '收起图例', en: 'Hide legend' },
};
