/** docs/rtx-models.md, generated from the model table (shared/rtx/models.ts): `npx tsx build/models-doc.ts`. */
import { RTX_FEATURES, RTX_MODELS, type FeatureSupport, type RtxFeature } from './models.js';

const FEATURE_NAMES: Record<RtxFeature, string> = {
  'map-e': 'MAP-E (v6plus, BIGLOBE)',
  'map-e-ocn': 'MAP-E type ocn (OCN Virtual Connect)',
  ipip: 'IPIP (fixed IP; DS-Lite by address)',
  'endpoint-name': 'DS-Lite AFTR by name',
  lua: 'Lua update script (fixed IP)',
};

function cell(f: FeatureSupport | undefined): string {
  if (!f) return 'unknown';
  const what = f.support === 'no' ? 'no' : f.minimum ? `Rev.${f.minimum}+` : 'yes (first revision unknown)';
  return `${what} (${f.confidence})`;
}

export function modelsMarkdown(): string {
  const out: string[] = [
    '# Router models',
    '',
    'Generated from `shared/rtx/models.ts` by `npx tsx build/models-doc.ts`; a unit test fails while this file is stale.',
    'Every value is graded: **confirmed** (a primary source or several), **source-says** (one public source),',
    '**inferred** (worked out from the sources; the reason is in the table\u2019s notes). A model not listed here is',
    '"not listed" (`DEVICE_MODEL_UNLISTED`), never "cannot"; an "unknown" feature makes no finding.',
    '',
    `| Model | ${RTX_FEATURES.map((f) => FEATURE_NAMES[f]).join(' | ')} | LAN / line port | Console |`,
    `|---|${RTX_FEATURES.map(() => '---').join('|')}|---|---|`,
  ];
  for (const m of RTX_MODELS) {
    const c = m.console.value;
    const login = c.login === 'user' ? `user ${c.factoryUser} / ${c.factoryPassword} (changed at first login)` : 'password only, none from the factory';
    out.push(
      `| ${m.model} | ${RTX_FEATURES.map((f) => cell(m.features[f])).join(' | ')} | ${m.ports.value.lan} / ${m.ports.value.wan} (${m.ports.confidence}) | ${c.baud} bit/s 8N1; ${login}; LAN ${c.lanAddress} (${m.console.confidence}) |`,
    );
  }
  out.push('', '## Sources and notes', '');
  for (const m of RTX_MODELS) {
    out.push(`### ${m.model}`, '');
    for (const f of RTX_FEATURES) {
      const v = m.features[f];
      if (!v) continue;
      out.push(`* ${FEATURE_NAMES[f]}: ${cell(v)}.${v.note ? ` ${v.note}` : ''} Sources: ${v.sources.join('; ')}.`);
    }
    out.push(`* Ports: ${m.ports.value.lan} / ${m.ports.value.wan} (${m.ports.confidence}).${m.ports.note ? ` ${m.ports.note}` : ''} Sources: ${m.ports.sources.join('; ')}.`);
    out.push(`* Console: ${m.console.confidence}.${m.console.note ? ` ${m.console.note}` : ''} Sources: ${m.console.sources.join('; ')}.`);
    if (m.memory) out.push(`* \`show config\` header: \`# Memory ${m.memory.value}\` (${m.memory.confidence}).${m.memory.note ? ` ${m.memory.note}` : ''}`);
    out.push('');
  }
  return out.join('\n');
}
