import { useTranslation } from 'react-i18next';
import { FINDING_HOP, HOPS, type Hop } from '../../../shared/diagnosis/topology';
import type { Finding } from '../../../shared/diagnosis/types';

/** LAN → router → NGN → BR/AFTR → Internet, with the hops where errors sit marked in red. */
export function Topology({ findings }: { findings: readonly Finding[] }) {
  const { t } = useTranslation();
  const failing = new Set<Hop>(findings.filter((f) => f.severity === 'error').map((f) => FINDING_HOP[f.code]));
  const warn = new Set<Hop>(findings.filter((f) => f.severity === 'warning').map((f) => FINDING_HOP[f.code]));
  const w = 150;
  return (
    <figure className="topology">
      <svg viewBox={`0 0 ${HOPS.length * w} 96`} role="img" aria-label={t('topology.label')} data-testid="topology">
        {HOPS.map((hop, i) => {
          const x = i * w + w / 2;
          const state = failing.has(hop) ? 'bad' : warn.has(hop) ? 'warn' : 'ok';
          return (
            <g key={hop} data-hop={hop} data-state={state}>
              {i > 0 && <line x1={x - w + 34} y1={36} x2={x - 34} y2={36} className={`topo-link ${state === 'bad' ? 'bad' : ''}`} />}
              <circle cx={x} cy={36} r={26} className={`topo-node ${state}`} />
              <text x={x} y={41} textAnchor="middle" className="topo-icon">
                {state === 'bad' ? '✗' : state === 'warn' ? '!' : '✓'}
              </text>
              <text x={x} y={82} textAnchor="middle" className="topo-label">
                {t(`topology.${hop}`)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
