/**
 * HB46PP ("v6mig", the Japanese providers' own provisioning protocol, spec v6pc/v6mig-prov spec.md v1.1): the
 * answer's shape and what can go wrong, each failure with its meaning. Pure data; see access-provisioning-packaging.md §1.
 */
import type { Message } from '../i18n/message.js';

/** The methods an answer's `order` may name (spec §3.4). */
export const HB46PP_METHODS = ['464xlat', 'dslite', 'ipip', 'lw4o6', 'map_e', 'map_t'] as const;
export type Hb46ppMethod = (typeof HB46PP_METHODS)[number];

/** Capabilities a CPE may announce (spec §3.3): the methods plus the MAP-E modes. */
export type Hb46ppCapability = Hb46ppMethod | 'hubspoke' | 'mesh';

/** The TXT record of `4over6.info`: `v=v6mig-1 url=<URL> t=a|b`. */
export interface Hb46ppServer {
  url: string;
  /** t=b: verify the server's certificate; t=a: do not (and the only choice for http). */
  verifyCertificate: boolean;
  /** The record as the DNS gave it. */
  record: string;
}

export interface Hb46ppMapERule {
  ipv6: string;
  ipv4: string;
  eaLength: number;
  psidOffset: number;
}

export interface Hb46ppMapE {
  /** 0: draft-ietf-softwire-map-03 interface ID (every Japanese service), 1: RFC 7597. */
  version: 0 | 1;
  mesh: boolean;
  br: string;
  rules: Hb46ppMapERule[];
}

export interface Hb46ppIpip {
  ipv6Local: string;
  ipv6Remote: string;
  /** The fixed IPv4 with its prefix length, as given (`203.0.113.0/29` or an address). */
  ipv4: string;
}

/** The parts of the JSON answer IPoE Doctor uses, checked (spec §3.4). */
export interface Hb46ppAnswer {
  enablerName: string | null;
  serviceName: string | null;
  ispName: string | null;
  /** Seconds the answer is good for (≤ 604800); null: none given (refresh after 20–24 h). */
  ttl: number | null;
  /** 64 lowercase hex digits, to send back next time; null when none (or not a valid one). */
  token: string | null;
  auth: 'req' | 'bad' | 'ok' | null;
  /** Methods in the provider's order of preference (unknown names are left out, see `warnings`). */
  order: Hb46ppMethod[];
  mapE: Hb46ppMapE | null;
  /** DS-Lite: the AFTR, an FQDN or an IPv6 address. */
  dslite: { aftr: string } | null;
  ipip: Hb46ppIpip[];
  /** Things the answer did that the spec does not allow but that do not make it unusable. */
  warnings: Message[];
}

/** Why there is no usable answer. Each has a meaning (hb46pp.failure.*) and a retry time from the spec (§3.6). */
export type Hb46ppFailureCode =
  /** The host knows no DNS server of the line (RA RDNSS / DHCPv6), so the TXT record cannot be asked. */
  | 'no-line-dns'
  /** NXDOMAIN or NODATA for 4over6.info: this line has no provisioning server. */
  | 'no-provisioning'
  /** The DNS did not answer, or answered SERVFAIL / REFUSED. */
  | 'dns-failure'
  /** A TXT record that is not `v=v6mig-1 url=… t=a|b`. */
  | 'txt-invalid'
  /** HTTP 403 or 404: the server does not know this source address. */
  | 'source-unknown'
  /** Another HTTP status (not 200, not a redirect). */
  | 'http-status'
  /** More than 5 redirects. */
  | 'too-many-redirects'
  /** t=b and the certificate could not be verified. */
  | 'certificate'
  /** The server could not be reached (refused, no route). */
  | 'unreachable'
  /** No answer within the time. */
  | 'timeout'
  /** The body is not JSON, or a field is not what the spec says. */
  | 'malformed'
  /** `"order": []`: the server offers nothing to this line. */
  | 'nothing-offered'
  /** `"auth": "bad"` and nothing offered: the user/pass were refused. */
  | 'auth-bad';

export interface Hb46ppFailure {
  code: Hb46ppFailureCode;
  /** What happened, with the details the server or the DNS gave. */
  detail: Message;
}
