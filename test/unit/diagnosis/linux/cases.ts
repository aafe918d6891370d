/**
 * What the Linux tests of every finding folder share (shared/diagnosis/findings/<code>/<code>.test.ts): the healthy
 * CEs they mutate, one per service, and the helpers to run the engine over a transcript.
 */
import { fixture } from './helpers.js';

export { codes, ctxOf, detectOn, dropLines, fixture, mutate, only, run } from './helpers.js';

export const V6PLUS = fixture('healthy-v6plus-nft.txt');
export const FIXED = fixture('healthy-v6plus-fixed-ipip.txt');
export const DSLITE = fixture('healthy-transix-dslite.txt');
export const BR = '2404:9200:225:100::64';
export const CE = '240b:13:1a65:a100:e:91a:6500:a100';
export const SNAT_LINE = /snat ip to 14\.9\.26\.101/;

/** A fixed-IP CE transcript that also lists the tunnel's own IPv4 (`ip addr show fixed`). */
export const withTunnelAddr = (text: string, addr: string) =>
  text.replace(
    /root@ce:~# ip route\n/,
    `root@ce:~# ip addr show fixed\n6: fixed@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1460 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet ${addr}/32 scope global fixed\n       valid_lft forever preferred_lft forever\nroot@ce:~# ip route\n`,
  );
