/** Six healthy RTX set-ups: nothing at error or warning level (info is allowed), and the service is recognised. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../shared/diagnosis/engine.js';
import { HEALTHY_CASES, loadCase, transcriptInput } from './fixtures.js';

const EXPECTED_SERVICE: Record<(typeof HEALTHY_CASES)[number], string> = {
  'healthy-v6plus-rtx830-ra': 'v6plus',
  'healthy-v6plus-rtx1300-pd': 'v6plus',
  'healthy-ocn-rtx1300': 'ocn-vc',
  'healthy-biglobe-rtx830': 'biglobe',
  'healthy-transix-dslite-rtx830': 'transix-dslite',
  'healthy-v6plus-fixed-rtx1300': 'v6plus-fixed',
};

describe.each(HEALTHY_CASES)('healthy RTX: %s', (name) => {
  const result = diagnose(transcriptInput(loadCase(name)));

  it('has no error or warning', () => {
    expect(result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code}: ${f.explanation.en}`)).toEqual([]);
  });

  it('recognises the service and the device', () => {
    expect(result.service?.id).toBe(EXPECTED_SERVICE[name]);
    expect(result.device?.model).toMatch(/^RTX/);
  });

  it('runs every rule without a failure note', () => {
    expect(result.notes.filter((n) => n.startsWith('rule '))).toEqual([]);
  });
});
