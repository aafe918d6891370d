/**
 * The model table (shared/rtx/models.ts): every value sourced and graded, and every model diagnosed from a
 * transcript in its own `show environment` format (test/fixtures/rtx-models/): identified, and judged as the table
 * says (a set-up plan on its ports, "cannot" with the source, or "not listed" for a model outside the table).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/engine.js';
import { transcriptToInput } from '../../../shared/diagnosis/transcript.js';
import { compareRevision, featureSupport, RTX_FEATURES, RTX_MODELS, rtxModel } from '../../../shared/rtx/models.js';
import { modelsMarkdown } from '../../../shared/rtx/models-doc.js';

const GRADES = ['confirmed', 'source-says', 'inferred'];
const THE_NINE = ['RTX830', 'RTX1210', 'RTX1220', 'RTX1300', 'RTX3510', 'NVR510', 'NVR700W', 'RTX1200', 'RTX810'];

function transcript(model: string) {
  return transcriptToInput(readFileSync(new URL(`../../fixtures/rtx-models/${model}.log`, import.meta.url), 'utf8'));
}

describe('the model table', () => {
  it('lists the nine models the issue names, once each', () => {
    expect(RTX_MODELS.map((m) => m.model).sort()).toEqual([...THE_NINE].sort());
  });

  it.each(RTX_MODELS.map((m) => [m.model, m] as const))('%s: every value has a grade and a source', (_name, m) => {
    for (const f of RTX_FEATURES) {
      const v = m.features[f];
      if (!v) continue;
      expect(GRADES, `${m.model} ${f}`).toContain(v.confidence);
      expect(v.sources.length, `${m.model} ${f}`).toBeGreaterThan(0);
      if (v.minimum !== null) expect(v.minimum).toMatch(/^\d+\.\d{2}\.\d{2}$/);
      if (v.confidence === 'inferred') expect(v.note ?? v.sources.join(' '), `${m.model} ${f}: an inferred value says why`).not.toBe('');
    }
    for (const v of [m.ports, m.console, ...(m.memory ? [m.memory] : [])]) {
      expect(GRADES).toContain(v.confidence);
      expect(v.sources.length).toBeGreaterThan(0);
    }
    // The serial console of every Yamaha router: 9600 bit/s (ipoe-domain.md §4.3), LAN 192.168.100.1 from the factory.
    expect(m.console.value.baud).toBe(9600);
    expect(m.console.value.lanAddress).toBe('192.168.100.1/24');
    expect(m.ports.value.lan).not.toBe(m.ports.value.wan);
    // Every model can take an IPv4-over-IPv6 IPIP tunnel; MAP-E is "no" only where the firmware line predates it.
    expect(m.features.ipip?.support).toBe('yes');
  });

  it('docs/rtx-models.md is what `npx tsx build/models-doc.ts` generates from the table', () => {
    expect(readFileSync(new URL('../../../docs/rtx-models.md', import.meta.url), 'utf8')).toBe(modelsMarkdown());
  });

  it('looks models up the way routers print them, and compares revisions numerically', () => {
    expect(rtxModel(' nvr510 ')?.model).toBe('NVR510');
    expect(rtxModel('RTX840')).toBeUndefined();
    expect(featureSupport('RTX1200', 'map-e')?.support).toBe('no');
    expect(featureSupport('RTX1200', 'endpoint-name')).toBeUndefined();
    expect(compareRevision('15.02.9', '15.02.31')).toBe(-1);
    expect(compareRevision('15.02.31', '15.02.03')).toBe(1);
    expect(compareRevision('23.00.04', '23.00.04')).toBe(0);
  });
});

describe('every model, diagnosed from a transcript in its own show environment format', () => {
  it.each(THE_NINE)('%s', (model) => {
    const input = transcript(model);
    const r = diagnose(input);
    expect(r.device?.model).toBe(model);
    expect(r.device?.firmware).toMatch(/^\d+\.\d{2}\.\d{2}$/);
    expect(r.notes.filter((n) => n.startsWith('rule '))).toEqual([]);
    const codes = r.findings.map((f) => f.code);
    expect(codes).toContain('IPV4_TUNNEL_MISSING');
    expect(codes).not.toContain('DEVICE_MODEL_UNLISTED');
    const missing = r.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING')!;
    const row = rtxModel(model)!;
    if (row.features['map-e']?.support === 'no') {
      // Known not to do MAP-E: said with its source, and no plan is offered.
      const cannot = r.findings.find((f) => f.code === 'DEVICE_UNSUPPORTED_SERVICE');
      expect(cannot?.data).toMatchObject({ model, feature: 'map-e', listed: true });
      expect(cannot?.explanation.en).toContain('inferred');
      expect(missing.fix).toBeUndefined();
      expect(missing.data).toMatchObject({ refused: 'feature-unsupported' });
    } else {
      expect(codes).not.toContain('DEVICE_UNSUPPORTED_SERVICE');
      expect(codes).not.toContain('FIRMWARE_TOO_OLD');
      expect(missing.fix?.commands).toContain(' tunnel map-e type v6plus');
      expect(missing.fix?.commands).toContain(`ip filter 400030 pass * 192.168.100.0/24 icmp * *`);
      expect(missing.data).toMatchObject({ model, service: 'v6plus', planned: true });
    }
  });

  it('RTX840, a Yamaha router outside the table: "not listed" (info), never "cannot", and the plan still comes', () => {
    const r = diagnose(transcript('RTX840'));
    expect(r.device?.model).toBe('RTX840');
    const unlisted = r.findings.find((f) => f.code === 'DEVICE_MODEL_UNLISTED');
    expect(unlisted?.severity).toBe('info');
    expect(r.findings.map((f) => f.code)).not.toContain('DEVICE_UNSUPPORTED_SERVICE');
    const missing = r.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING')!;
    expect(missing.fix?.commands.length).toBeGreaterThan(10);
    expect(missing.explanation.en).toContain('not in the support table');
  });

  it('a model\u2019s firmware before its minimum is FIRMWARE_TOO_OLD, with the table\u2019s source', () => {
    const text = readFileSync(new URL('../../fixtures/rtx-models/RTX830.log', import.meta.url), 'utf8').replaceAll('Rev.15.02.31', 'Rev.15.02.01');
    const r = diagnose(transcriptToInput(text));
    const old = r.findings.find((f) => f.code === 'FIRMWARE_TOO_OLD');
    expect(old?.data).toMatchObject({ model: 'RTX830', firmware: '15.02.01', minimum: '15.02.03' });
  });
});
