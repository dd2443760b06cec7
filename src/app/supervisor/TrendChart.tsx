/** The trend over the last periods, drawn by uPlot (loaded only when this chart is shown). */
import { useEffect, useRef, useState } from 'react';
import type { Targets } from '../../domain/stats/targets';
import { periodSlug } from './exportFiles';
import type { TrendPoint } from './trend';
import { useT } from './useT';

export function TrendChart({ points, targets }: { points: readonly TrendPoint[]; targets: Targets }) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const labels = points.map((p) => periodSlug(p.period));
  const key = JSON.stringify(points);
  const names = { onTime: t('trend.onTime'), early: t('trend.early'), satisfaction: t('trend.satisfaction'), target: t('trend.onTimeTarget') };

  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    const el = box.current;
    if (!el) return;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled) return;
      const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
      const xs = points.map((_, i) => i);
      chart = new UPlot({
        width: Math.max(320, el.clientWidth || 800),
        height: 280,
        scales: { x: { time: false }, y: { range: [0, 100] } },
        axes: [
          { values: (_u: unknown, splits: number[]) => splits.map((i) => labels[i] ?? '') },
          { values: (_u: unknown, splits: number[]) => splits.map((v) => `${v}%`) },
        ],
        series: [
          {},
          { label: names.onTime, stroke: '#2e7d32', width: 2, points: { show: true } },
          { label: names.early, stroke: '#1565c0', width: 2, points: { show: true } },
          { label: names.satisfaction, stroke: '#b71c1c', width: 2, points: { show: true } },
          { label: names.target, stroke: '#2e7d32', dash: [6, 6], width: 1, points: { show: false } },
        ],
      }, [xs, points.map((p) => pct(p.onTime)), points.map((p) => pct(p.early)), points.map((p) => pct(p.satisfaction)), points.map(() => targets.onTimeRate * 100)], el);
    }).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // the chart is redrawn when the numbers or the language change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, names.onTime, targets.onTimeRate]);

  return (
    <div>
      <div ref={box} data-testid="trend-chart" className="sv-chart" aria-label={t('trend.title')} />
      {failed && <p className="muted">{t('trend.failed')}</p>}
    </div>
  );
}
