/**
 * What a person asks for (the CLI's flags or the wizard's form) plus what detection found, turned into a
 * PlanInput. One place, so the CLI and the app build the same plan from the same answers.
 */
import type { ServiceId } from '../../shared/services/index.js';
import { readState } from './apply.js';
import type { ExistingTunnel } from './existing-tunnel.js';
import type { ContractNotice } from '../../shared/diagnosis/input.js';
import type { Gap, HostFacts } from '../../shared/linux/host-facts.js';
import { TUNNEL } from '../../shared/linux/datapath/names.js';
import { PlanError, type PlanInput } from './plan.js';
import { readExistingTunnel } from './read-existing-tunnel.js';
import type { Target } from './target.js';
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

/** Detection found no value and the person gave none: the caller says how to give it. */
export class MissingPlanFieldsError extends PlanError {
  constructor(readonly fields: ('prefix' | 'wan' | 'gateway')[]) {
    super(`missing: ${fields.join(', ')}`);
  }
}

export function planInputOf(req: PlanRequest, facts: HostFacts | null, replace: ExistingTunnel[]): PlanInput {
  const given = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const prefix = given(req.prefix) ?? facts?.prefix?.prefix;
  const wan = given(req.wan) ?? facts?.wan ?? undefined;
  const gateway = given(req.gateway) ?? facts?.gateway ?? undefined;
  const missing = (['prefix', 'wan', 'gateway'] as const).filter((_, i) => ![prefix, wan, gateway][i]);
  if (missing.length) throw new MissingPlanFieldsError([...missing]);
  const fixed = req.service === 'v6plus-fixed' || req.service === 'transix-fixed';
  // DS-Lite sources from the WAN's own stable address when there is one (fixed IP and MAP-E add their own).
  const local = given(req.localAddress) ?? (facts && !fixed ? (facts.wanAddress ?? undefined) : undefined);
  const verifyHost = given(req.verifyHost);
  let verify: PlanInput['verify'];
  if (verifyHost) {
    try {
      verify = parseVerifyTarget(verifyHost);
    } catch (err) {
      throw new PlanError((err as Error).message);
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
  };
}

/**
 * The user's own tunnels to take over, as they are now, or as they were when an earlier apply took them over
 * (they are gone then, and what rollback must re-create is what they were).
 */
export async function existingTunnelsToReplace(target: Target, facts: HostFacts, names: readonly string[]): Promise<ExistingTunnel[]> {
  const out: ExistingTunnel[] = [];
  const state = names.length ? await readState(target) : null;
  for (const n of names) {
    if (n === TUNNEL) throw new PlanError(`${TUNNEL} is the tunnel IPoE Doctor itself makes: it is replaced in place, not taken over`);
    const earlier = state?.replaced?.find((t) => t.name === n);
    out.push(earlier ?? (await readExistingTunnel(target, facts.iproute2 ?? 'ip', n)));
  }
  return out;
}
