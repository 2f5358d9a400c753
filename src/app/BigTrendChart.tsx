/**
 * The big screen's weekly trend: open at each week's end, found and closed per report week, drawn by uPlot
 * with thick lines and labels sized from the viewport so a wall reads them. uPlot (and its CSS) is imported
 * here on first render only, so the desk view never loads it. The legend is plain text in the page.
 */
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { useWeeklySeries } from '@/store/use-insights';
import { useT } from '@/ui/i18n';

const OPEN_COLOR = '#60a5fa';
const FOUND_COLOR = '#f87171';
const CLOSED_COLOR = '#4ade80';

export function BigTrendChart() {
  const t = useT();
  const weeks = useWeeklySeries();
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el || !weeks || weeks.length === 0) return;
    let chart: uPlot | null = null;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled) return;
      const vh = window.innerHeight / 100;
      const font = `${Math.round(2.3 * vh)}px system-ui, sans-serif`;
      const width = (n: number) => Math.max(2, Math.round(n * vh));
      const axis = { stroke: '#e2e8f0', font, size: Math.round(7 * vh), grid: { stroke: '#334155', width: 1 } };
      const labels = weeks.map((w) => `${Number(w.endDate.slice(5, 7))}/${Number(w.endDate.slice(8, 10))}`);
      const opts: uPlot.Options = {
        width: el.clientWidth,
        height: el.clientHeight,
        legend: { show: false },
        padding: [Math.round(1.5 * vh), Math.round(3 * vh), 0, 0],
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [
          { ...axis, values: (_u, splits) => splits.map((s) => labels[s] ?? ''), space: 9 * vh, incrs: [1, 2, 4] },
          { ...axis, size: Math.round(9 * vh), space: Math.round(5 * vh) },
        ],
        series: [
          {},
          { label: t('weeklyOpenAtEnd'), stroke: OPEN_COLOR, width: width(0.7) },
          { label: t('weeklyOpened'), stroke: FOUND_COLOR, width: width(0.45) },
          { label: t('weeklyClosed'), stroke: CLOSED_COLOR, width: width(0.45) },
        ],
      };
      const data: uPlot.AlignedData = [
        weeks.map((_, i) => i),
        weeks.map((w) => w.openAtEnd),
        weeks.map((w) => w.opened),
        weeks.map((w) => w.closed),
      ];
      chart = new UPlot(opts, data, el);
      setReady(true);
      observer = new ResizeObserver(() => chart?.setSize({ width: el.clientWidth, height: el.clientHeight }));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [weeks, t]);

  return (
    <div className="big-trend" data-testid="big-trend" data-ready={ready}>
      <ul className="big-trend-legend">
        <li style={{ color: OPEN_COLOR }}>━ {t('weeklyOpenAtEnd')}</li>
        <li style={{ color: FOUND_COLOR }}>━ {t('weeklyOpened')}</li>
        <li style={{ color: CLOSED_COLOR }}>━ {t('weeklyClosed')}</li>
      </ul>
      {!ready && <p className="big-trend-loading">{t('bigTrendLoading')}</p>}
      <div className="big-trend-plot" ref={box} role="img" aria-label={t('bigTrendTitle')} />
    </div>
  );
}
