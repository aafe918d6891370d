/**
 * What each Yamaha router model can do for IPv4 over IPv6, and from which firmware on. Data, not code:
 * the rules FIRMWARE_TOO_OLD and DEVICE_UNSUPPORTED_SERVICE only look things up here, so a new model or a
 * newly confirmed revision is one row. Every row names its source and how sure it is (the confidence words
 * of shared/reference/ipoe-domain.md). A model or feature missing from the table is "unknown", and the
 * rules then stay silent about firmware and treat the model as unlisted, never as unsupported.
 */
import type { Confidence } from '../../services/index.js';

/** The router features a service needs. */
export type RtxFeature =
  /** `tunnel encapsulation map-e` (v6plus, BIGLOBE, OCN Virtual Connect). */
  | 'map-e'
  /** `tunnel encapsulation ipip` with `tunnel endpoint address` (fixed IP, DS-Lite by address). */
  | 'ipip'
  /** `tunnel endpoint name FQDN` for a DS-Lite AFTR (gw.transix.jp …). */
  | 'endpoint-name';

export type Support = 'yes' | 'no';

export interface RtxModelRow {
  model: string;
  /** Support per feature; a feature not listed is unknown. */
  features: Partial<Record<RtxFeature, { support: Support; confidence: Confidence; sources: readonly string[] }>>;
}

const DOMAIN = 'shared/reference/ipoe-domain.md';

export const RTX_MODELS: readonly RtxModelRow[] = [
  {
    model: 'RTX1300',
    features: {
      'map-e': { support: 'yes', confidence: 'source-says', sources: [`${DOMAIN} §4.1 (RTX1300 Rev.23.00.xx, public RTX1300 design notes)`] },
      ipip: { support: 'yes', confidence: 'confirmed', sources: [`${DOMAIN} §3.1, §4.2 (kznrluk RTX1300 v6plus fixed IP)`] },
    },
  },
  {
    model: 'RTX830',
    features: {
      'map-e': { support: 'yes', confidence: 'source-says', sources: [`${DOMAIN} §4.1 (MAP-E from the Rev.15.02 era firmware)`, `${DOMAIN} §1.4b (ToAmano RTX830 blog)`] },
      ipip: { support: 'yes', confidence: 'source-says', sources: [`${DOMAIN} §3.2 (Yamaha DS-Lite: tunnel encapsulation ipip on RTX830)`] },
      'endpoint-name': { support: 'yes', confidence: 'source-says', sources: [`${DOMAIN} §3.2 ("FQDN works on RTX830")`] },
    },
  },
  {
    // The last RTX1200 / RTX810 firmware lines (Rev.10.01 / Rev.11.01) predate Yamaha's MAP-E support,
    // which arrived with the Rev.15.02-era firmware of the following generation.
    model: 'RTX1200',
    features: {
      'map-e': { support: 'no', confidence: 'inferred', sources: [`${DOMAIN} §4.1 (MAP-E came with Rev.15.02/15.04-era firmware)`, 'shared/reference/rtx-output-formats.md (RTX1200 Rev.10.01.71 capture)'] },
    },
  },
  {
    model: 'RTX810',
    features: {
      'map-e': { support: 'no', confidence: 'inferred', sources: [`${DOMAIN} §4.1 (MAP-E came with Rev.15.02/15.04-era firmware)`] },
    },
  },
];

export interface FirmwareMinimum {
  model: string;
  feature: RtxFeature;
  /** The first revision with the feature, `15.02.00` meaning "any 15.02.xx". */
  minimum: string;
  confidence: Confidence;
  sources: readonly string[];
  note?: string;
}

/**
 * Minimum firmware per model and feature. Only revisions a source states are listed; the exact first
 * 15.02.xx build with MAP-E on the RTX830 is not public in the reference, so the row asks for the series.
 */
export const FIRMWARE_MINIMUMS: readonly FirmwareMinimum[] = [
  {
    model: 'RTX830',
    feature: 'map-e',
    minimum: '15.02.00',
    confidence: 'source-says',
    sources: [`${DOMAIN} §4.1 ("MAP-E support on RTX830 came with the Rev.15.02/15.04 era firmware")`],
    note: 'A public config generator says "map-e対応はファーム Rev.15.04系"; use the latest Rev.15.02.xx.',
  },
  {
    model: 'RTX1300',
    feature: 'map-e',
    minimum: '23.00.00',
    confidence: 'source-says',
    sources: [`${DOMAIN} §4.1 ("RTX1300 Rev.23.00.xx")`],
  },
];

/** -1, 0, 1 comparing dotted revisions numerically (`15.02.9` < `15.02.31`). */
export function compareRevision(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (Number.isNaN(d)) return 0;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function modelRow(model: string): RtxModelRow | undefined {
  const m = model.trim().toUpperCase();
  return RTX_MODELS.find((r) => r.model === m);
}

export function firmwareMinimum(model: string, feature: RtxFeature): FirmwareMinimum | undefined {
  const m = model.trim().toUpperCase();
  return FIRMWARE_MINIMUMS.find((r) => r.model === m && r.feature === feature);
}
