import { useTranslation } from 'react-i18next';
import type { PortRange } from '../../../shared/mape';

const PORTS_PER_ROW = 1024;
const ROWS = 65536 / PORTS_PER_ROW;
const ROW_H = 6;
/** Room for "64512" at the label size (15 units: about 12 px at the usual width). */
const LABEL_W = 64;

/**
 * The whole 0–65535 port space as 64 rows of 1024 ports; the CE's blocks are drawn in colour. On v6plus
 * a block appears every fourth row, on OCN in every row; 0–4095 (or 0–1023) stay empty by design.
 */
export function PortMap({ ranges }: { ranges: PortRange[] }) {
  const { t } = useTranslation();
  const width = LABEL_W + PORTS_PER_ROW;
  const height = ROWS * ROW_H;
  return (
    <figure className="portmap">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('calc.portMap')} data-testid="port-map">
        {Array.from({ length: ROWS }, (_, row) => (
          <g key={row}>
            <rect x={LABEL_W} y={row * ROW_H} width={PORTS_PER_ROW} height={ROW_H - 1} className="portmap-row" />
            {row % 8 === 0 && (
              <text x={LABEL_W - 6} y={row * ROW_H + ROW_H + 4} className="portmap-label" textAnchor="end">
                {row * PORTS_PER_ROW}
              </text>
            )}
          </g>
        ))}
        {ranges.map(([start, end]) => {
          const row = Math.floor(start / PORTS_PER_ROW);
          return (
            <rect
              key={start}
              className="portmap-block"
              x={LABEL_W + (start % PORTS_PER_ROW)}
              y={row * ROW_H}
              width={Math.max(end - start + 1, 3)}
              height={ROW_H - 1}
            >
              <title>
                {start}–{end}
              </title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="muted small">
        {t('calc.portMap')} · {t('calc.portMapRow')}
      </figcaption>
    </figure>
  );
}
