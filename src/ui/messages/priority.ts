/** Priority on the map: the shading toggle, the priority legend and badges, the whole-district control, the score sum. */
export const PRIORITY_MESSAGES = {
  scoreSum: { zh: '= {points}', en: '= {points}' },
  scoreDivided: {
    zh: '= {points} ÷ {units}（点位数 + 街道公里数）= {score}',
    en: '= {points} ÷ {units} (sites + km of street) = {score}',
  },
} as const;
