import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import type { ApplyEventView } from '../../../shared/ipc/contract';

/** Tunnel RX/TX IPv4 packet counters, charted live as the verification samples them. */
export function CounterChart({ events }: { events: readonly ApplyEventView[] }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const p = new uPlot(
      {
        width: 400,
        height: 200,
        series: [{}, { label: t('apply.rx'), stroke: '#17803d', width: 2 }, { label: t('apply.tx'), stroke: '#0b6bcb', width: 2 }],
        axes: [{}, {}],
        scales: { x: { time: true } },
      },
      [[], [], []],
      host.current!,
    );
    plot.current = p;
    return () => {
      p.destroy();
      plot.current = null;
    };
  }, [t]);
  useEffect(() => {
    const samples = events.flatMap((e) => (e.kind === 'sample' ? [e.sample] : []));
    plot.current?.setData([samples.map((s) => s.at / 1000), samples.map((s) => s.rxPackets), samples.map((s) => s.txPackets)]);
    host.current?.setAttribute('data-samples', String(samples.length));
    if (samples.length) host.current?.setAttribute('data-last-rx', String(samples[samples.length - 1]!.rxPackets));
  }, [events]);
  return (
    <figure className="counters">
      <figcaption>{t('apply.counters')}</figcaption>
      <div ref={host} data-testid="counter-chart" />
    </figure>
  );
}
