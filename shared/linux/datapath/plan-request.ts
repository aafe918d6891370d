/**
 * What a person asks for (the CLI's flags or the wizard's form) plus what detection found, turned into a
 * PlanInput. One place, so the CLI and the app build the same plan from the same answers.
 */
import type { ContractNotice } from '../../diagnosis/input.js';
import { isFixedIp, type ServiceId } from '../../services/index.js';
import type { Gap, HostFacts } from '../host-facts.js';
import type { ExistingTunnel } from './existing-tunnel.js';
import { MissingPlanFieldsError, PlanError, VerifyTargetError } from './errors.js';
import type { PlanInput } from './plan.js';
import { parseVerifyTarget } from './verify.js';

export interface PlanRequest {
  service: ServiceId;
  prefix?: string | undefined;
  wan?: string | undefined;
  gateway?: string | undefined;
  br?: string | undefined;
  fixedIpv4?: string | undefined;
  fixedIid?: string | undefined;
  updateUser?: string | undefined;
  localAddress?: string | undefined;
  /** A.B.C.D or A.B.C.D:port. */
  verifyHost?: string | undefined;
}

/** A form field or flag as given: trimmed, and undefined when blank (then detection or the catalog decides). */
export function given(v: string | undefined): string | undefined {
  return v?.trim() ? v.trim() : undefined;
}

/** What the person said about the contract, as the diagnosis reads it (the service, and the notice's values). */
export function contractNotice(req: Partial<Pick<PlanRequest, 'service' | 'br' | 'fixedIpv4' | 'fixedIid'>>): ContractNotice {
  const n: ContractNotice = {};
  const br = given(req.br);
  const v4 = given(req.fixedIpv4);
  const iid = given(req.fixedIid);
  if (req.service) n.serviceId = req.service;
  if (br) n.br = br;
  if (v4) n.fixedIpv4 = v4;
  if (iid) n.interfaceId = iid;
  return n;
}

/** The gaps that stop an apply: every blocker, except a missing prefix when the person gave one. */
export function applyBlockers(facts: HostFacts, prefixGiven: boolean): Gap[] {
  return facts.gaps.filter((g) => g.severity === 'blocker' && !(g.code === 'NO_GLOBAL_PREFIX' && prefixGiven));
}

export function planInputOf(req: PlanRequest, facts: HostFacts | null, replace: ExistingTunnel[]): PlanInput {
  const prefix = given(req.prefix) ?? facts?.prefix?.prefix;
  const wan = given(req.wan) ?? facts?.wan ?? undefined;
  const gateway = given(req.gateway) ?? facts?.gateway ?? undefined;
  const missing = (['prefix', 'wan', 'gateway'] as const).filter((_, i) => ![prefix, wan, gateway][i]);
  if (missing.length) throw new MissingPlanFieldsError([...missing]);
  const fixed = isFixedIp(req.service);
  // DS-Lite sources from the WAN's own stable address when there is one (fixed IP and MAP-E add their own).
  const local = given(req.localAddress) ?? (facts && !fixed ? (facts.wanAddress ?? undefined) : undefined);
  const verifyHost = given(req.verifyHost);
  let verify: PlanInput['verify'];
  if (verifyHost) {
    try {
      verify = parseVerifyTarget(verifyHost);
    } catch (err) {
      if (err instanceof VerifyTargetError) throw new PlanError(err.detail!);
      throw err;
    }
  }
  const opt = <K extends 'br' | 'fixedIpv4' | 'fixedIid' | 'updateUser'>(k: K) => (given(req[k]) ? { [k]: given(req[k])! } : {});
  return {
    service: req.service,
    prefix: prefix!,
    wan: wan!,
    gateway: gateway!,
    ...opt('br'),
    ...opt('fixedIpv4'),
    ...opt('fixedIid'),
    ...opt('updateUser'),
    ...(local ? { localAddress: local } : {}),
    ...(replace.length ? { replaceExisting: replace } : {}),
    ...(verify ? { verify } : {}),
    ...(facts?.lineDns.length ? { lineDns: facts.lineDns } : {}),
    ...(facts?.region ? { region: facts.region } : {}),
  };
}
