/** The trend over the last periods, drawn by uPlot (loaded only when this chart is shown). */
import { useEffect, useRef, useState } from 'react';
import type { Targets } from '../../domain/stats/targets';
import type { Period } from '../../domain/stats/periods';
import type { Translate } from './exportTables';
import type { TrendPoint } from './trend';
import { useT } from './useT';

/** The short period name under the chart (12.13: every label, legend and tooltip through i18n). */
const SHORT = {
  month: 'trend.short.month',
  quarter: 'trend.short.quarter',
  halfYear: 'trend.short.halfYear',
  year: 'trend.short.year',
} as const satisfies Record<Period['kind'], string>;
const shortLabel = (t: Translate, p: Period) => t(SHORT[p.kind], { index: p.index, year: p.year });

export function TrendChart({ points, targets }: { points: readonly TrendPoint[]; targets: Targets }) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const labels = points.map((p) => shortLabel(t, p.period));
  const key = JSON.stringify(points);
  const names = {
    period: t('trend.period'),
    onTime: t('trend.onTime'),
    early: t('trend.early'),
    satisfaction: t('trend.satisfaction'),
    target: t('trend.onTimeTarget'),
  };

  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    const el = box.current;
    if (!el) return;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([{ default: UPlot }]) => {
        if (cancelled) return;
        const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
        // uPlot's own legend words ("Value", "--") would show in English: every value is written here
        const shown = (_u: unknown, v: number | null) => (v === null || v === undefined ? '—' : `${v.toLocaleString('vi-VN')} %`);
        const xs = points.map((_, i) => i);
        chart = new UPlot(
          {
            width: Math.max(320, el.clientWidth || 800),
            height: 280,
            scales: { x: { time: false }, y: { range: [0, 100] } },
            axes: [
              { values: (_u: unknown, splits: number[]) => splits.map((i) => labels[i] ?? '') },
              { values: (_u: unknown, splits: number[]) => splits.map((v) => `${v} %`) },
            ],
            series: [
              { label: names.period, value: (_u: unknown, i: number | null) => (i === null ? '—' : (labels[i] ?? '—')) },
              { label: names.onTime, stroke: '#2e7d32', width: 2, points: { show: true }, value: shown },
              { label: names.early, stroke: '#1565c0', width: 2, points: { show: true }, value: shown },
              { label: names.satisfaction, stroke: '#b71c1c', width: 2, points: { show: true }, value: shown },
              { label: names.target, stroke: '#2e7d32', dash: [6, 6], width: 1, points: { show: false }, value: shown },
            ],
          },
          [
            xs,
            points.map((p) => pct(p.onTime)),
            points.map((p) => pct(p.early)),
            points.map((p) => pct(p.satisfaction)),
            points.map(() => targets.onTimeRate * 100),
          ],
          el,
        );
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // the chart is redrawn when the numbers or the language change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, names.onTime, names.period, targets.onTimeRate]);

  return (
    <div>
      <div ref={box} data-testid="trend-chart" className="sv-chart" aria-label={t('trend.title')} />
      {failed && <p className="muted">{t('trend.failed')}</p>}
    </div>
  );
}
