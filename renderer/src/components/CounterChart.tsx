import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import type { ApplyEventView } from '../../../shared/ipc/contract';

const HEIGHT = 200;
const RX = '#11652f';
const TX = '#0b5cad';

/** The samples of a verification, in seconds since its first one (so the axis reads 0 s, 1.2 s …, not dates). */
export function chartData(events: readonly ApplyEventView[]): { data: uPlot.AlignedData; last: { rx: number; tx: number; s: number } | null; count: number } {
  const samples = events.flatMap((e) => (e.kind === 'sample' ? [e.sample] : []));
  const t0 = samples[0]?.at ?? 0;
  const xs = samples.map((s) => (s.at - t0) / 1000);
  const last = samples.at(-1);
  return {
    data: [xs, samples.map((s) => s.rxPackets), samples.map((s) => s.txPackets)],
    last: last ? { rx: last.rxPackets, tx: last.txPackets, s: xs.at(-1) ?? 0 } : null,
    count: samples.length,
  };
}

/**
 * Tunnel RX/TX IPv4 packet counters, charted as the verification samples them: a point per sample on a time axis
 * in seconds, RX on its own scale (left) so 0 → 3 is seen beside a TX of 1200 (right). It takes the width of its
 * card, and its data comes from the core's apply log, so a reload draws it again.
 */
export default function CounterChart({ events }: { events: readonly ApplyEventView[] }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { data, last, count } = useMemo(() => chartData(events), [events]);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const el = host.current!;
    const width = () => Math.max(Math.floor(el.clientWidth), 240);
    const p = new uPlot(
      {
        width: width(),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          // Never a date axis: a sample or two would otherwise spread over years.
          x: { time: false, range: (_u, _min, max) => [0, Math.max(max ?? 0, 1)] },
          rx: { range: (_u, _min, max) => [0, Math.max(max ?? 0, 1) * 1.15] },
          tx: { range: (_u, _min, max) => [0, Math.max(max ?? 0, 1) * 1.15] },
        },
        series: [
          {},
          { label: t('apply.rx'), scale: 'rx', stroke: RX, width: 2, points: { show: true, size: 7, fill: RX } },
          { label: t('apply.tx'), scale: 'tx', stroke: TX, width: 2, dash: [6, 4], points: { show: true, size: 7, fill: TX } },
        ],
        axes: [
          { label: t('apply.elapsed'), stroke: '#3d4854', size: 44 },
          { scale: 'rx', label: t('apply.rxAxis'), stroke: RX, size: 56 },
          { scale: 'tx', label: t('apply.txAxis'), stroke: TX, side: 1, size: 64, grid: { show: false } },
        ],
      },
      dataRef.current,
      el,
    );
    plot.current = p;
    // The card decides the width (1024×640 included); the chart follows it.
    const resize = new ResizeObserver(() => p.setSize({ width: width(), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = null;
    };
  }, [t]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure className="counters">
      <figcaption>{t('apply.counters')}</figcaption>
      <div ref={host} className="counter-plot" data-testid="counter-chart" data-samples={count} data-last-rx={last?.rx} role="img" aria-label={t('apply.counters')} />
      <p className="chart-legend small">
        <span className="key rx">{t('apply.rx')}</span>
        <span className="key tx">{t('apply.tx')}</span>
        <span data-testid="chart-summary">{last ? t('apply.chartSummary', { count, rx: last.rx, tx: last.tx, s: last.s.toFixed(1) }) : t('apply.chartNone')}</span>
      </p>
    </figure>
  );
}
