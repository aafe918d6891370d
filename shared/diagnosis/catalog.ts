import type { FindingCode, Platform, Severity, Text } from './types.js';

export interface CatalogEntry {
  severity: Severity;
  appliesTo: readonly Platform[];
  /** A symptom is reported together with the causes found (FINDINGS.md: TUNNEL_NO_RX). */
  symptom?: boolean;
  title: Text;
  meaning: Text;
}

const both = ['rtx', 'linux'] as const;

/** The finding catalog as data, from ../../../shared/design/FINDINGS.md. */
export const FINDING_CATALOG: Record<FindingCode, CatalogEntry> = {
  IPV6_NO_PREFIX: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'IPv6プレフィックスを取得できていない', en: 'No IPv6 prefix from the line' },
    meaning: {
      ja: 'WAN側でグローバルIPv6プレフィックスを取得できていません（RAもDHCPv6-PDもない）。IPv4 over IPv6 はIPv6の上で動くため、これがないと何も始まりません。',
      en: 'No global IPv6 prefix was obtained on the WAN side (no RA / no DHCPv6-PD lease). IPv4 over IPv6 rides on IPv6, so nothing else can work.',
    },
  },
  IPV6_PREFIX_SOURCE_MISMATCH: {
    severity: 'error',
    appliesTo: ['rtx'],
    title: { ja: 'プレフィックスの取得方法が回線と合っていない', en: 'Prefix source does not match the line' },
    meaning: {
      ja: '設定はDHCPv6-PD（dhcp-prefix@）でプレフィックスを取る前提ですが、回線はRAだけを出しています（またはその逆）。',
      en: 'The config takes the prefix from DHCPv6-PD (dhcp-prefix@) but the line gives RA only, or the other way round.',
    },
  },
  NGN_TYPE_MISSING: {
    severity: 'warning',
    appliesTo: ['rtx'],
    title: { ja: 'ngn type の設定がない', en: 'ngn type is not set' },
    meaning: { ja: 'NGN側のインターフェースに ngn type <if> ntt がありません。', en: 'ngn type <if> ntt is missing on the NGN-facing interface.' },
  },
  IPV6_FILTER_BLOCKS_IPIP: {
    severity: 'error',
    appliesTo: ['rtx'],
    title: { ja: 'IPv6フィルターがトンネルの戻りパケット（プロトコル4）を捨てている', en: 'IPv6 filter drops tunnel replies (protocol 4)' },
    meaning: {
      ja: 'WAN側の受信IPv6フィルターがプロトコル4（IPv4 in IPv6）を通さないため、BR/AFTRからの返信がすべて捨てられます。',
      en: 'The inbound IPv6 filter on the WAN does not pass protocol 4 (IPv4-in-IPv6), so every reply from the BR/AFTR is dropped.',
    },
  },
  BR_UNREACHABLE: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'BR/AFTRにIPv6で到達できない', en: 'The BR/AFTR does not answer over IPv6' },
    meaning: {
      ja: 'BR/AFTRがIPv6でまったく応答しません。トンネル設定ではなく、IPv6の下回り（回線・経路）の問題です。',
      en: 'The BR/AFTR does not answer over IPv6 at all: an underlay problem, not tunnel config.',
    },
  },
  BR_ROUTE_ONLINK: {
    severity: 'error',
    appliesTo: ['linux'],
    title: { ja: 'BRへの経路にゲートウェイがない', en: 'The route to the BR has no gateway' },
    meaning: {
      ja: 'BRへの経路が on-link になっているため、遠くのアドレスを近隣探索しようとして失敗します。',
      en: 'The route to the BR has no gateway, so the host does neighbour discovery for a remote address and fails.',
    },
  },
  SERVICE_UNKNOWN_PREFIX: {
    severity: 'info',
    appliesTo: both,
    title: { ja: 'プレフィックスがどの既知サービスにも一致しない', en: 'Prefix matches no known provider rule' },
    meaning: {
      ja: 'IPv6プレフィックスが既知のMAP-Eルールに一致しないため、MAP-Eのパラメーター計算やBRの選択ができません。',
      en: 'The IPv6 prefix matches no known provider rule: the app cannot compute MAP-E parameters or pick a BR.',
    },
  },
  BR_ADDRESS_WRONG: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'トンネルの宛先（BRアドレス）が違う', en: 'Tunnel remote endpoint is not the provider\u2019s BR' },
    meaning: {
      ja: 'トンネルの宛先がサービスのBR/AFTRではありません（打ち間違い、BIGLOBEで v6プラスの ::64 を使っている、固定IPで動的MAP-EのBRを使っている等）。',
      en: 'The tunnel\u2019s remote endpoint is not the provider\u2019s BR/AFTR (a typo, the v6plus ::64 used on BIGLOBE, or the dynamic MAP-E BR used for fixed IP).',
    },
  },
  CE_ADDRESS_WRONG: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'CEアドレスが違う', en: 'CE address is not the one the service expects' },
    meaning: {
      ja: 'トンネルの送信元（CE）アドレスが、サービスの期待するものと違います（MAP-Eは計算値、固定IPはプレフィックス＋通知のインターフェースID、サブネットは0）。',
      en: 'The tunnel\u2019s local (CE) address differs from the one the service expects (MAP-E: computed from the rule; fixed IP: prefix + assigned interface ID; subnet 0).',
    },
  },
  CE_ADDRESS_NOT_ASSIGNED: {
    severity: 'error',
    appliesTo: ['linux'],
    title: { ja: 'CEアドレスがどのインターフェースにも付いていない', en: 'CE address is not on any interface' },
    meaning: {
      ja: 'CEアドレスがどのインターフェースにも設定されていないため、そのアドレス宛ての返信を受け取れません。',
      en: 'The CE address is not configured on any interface, so replies addressed to it are never accepted.',
    },
  },
  ENCAPLIMIT_PRESENT: {
    severity: 'error',
    appliesTo: ['linux'],
    title: { ja: 'ip6tnl が Encapsulation Limit オプションを付けている', en: 'ip6tnl sends the encapsulation-limit option' },
    meaning: {
      ja: 'Linuxの ip6tnl は既定で encaplimit 4 のため、すべてのパケットに宛先オプションヘッダーが付き、BRに捨てられます。encaplimit none にする必要があります。',
      en: 'Linux ip6tnl sends the Tunnel Encapsulation Limit option by default (encaplimit 4); BRs drop such packets. It must be encaplimit none.',
    },
  },
  TUNNEL_DISABLED: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'トンネルが有効になっていない', en: 'Tunnel is not enabled' },
    meaning: { ja: 'トンネルは設定されていますが、有効化（up）されていません。', en: 'The tunnel interface is configured but not enabled / not up.' },
  },
  TUNNEL_NO_RX: {
    severity: 'error',
    appliesTo: both,
    symptom: true,
    title: { ja: 'トンネルは送信しているが何も受信していない', en: 'Tunnel transmits but receives nothing' },
    meaning: {
      ja: 'トンネルはIPv4を送信していますが、1パケットも受信していません。「Online」表示はインターフェースが上がっているだけで、IPIPに接続確認はありません。',
      en: 'The tunnel transmits IPv4 but has received nothing. "Online" only means the interface is up: IPIP has no handshake.',
    },
  },
  DEFAULT_ROUTE_NOT_TUNNEL: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'IPv4のデフォルト経路がトンネルを向いていない', en: 'IPv4 default route does not use the tunnel' },
    meaning: { ja: 'IPv4のデフォルト経路がトンネルに向いていません。', en: 'The IPv4 default route does not point into the tunnel.' },
  },
  FIRMWARE_TOO_OLD: {
    severity: 'error',
    appliesTo: ['rtx'],
    title: { ja: 'ファームウェアが古い', en: 'Firmware too old for this service' },
    meaning: {
      ja: 'ルーターのファームウェアが、このサービスのカプセル化方式やコマンドに対応する前のものです。',
      en: 'The router\u2019s firmware predates support for the service\u2019s encapsulation or commands.',
    },
  },
  DEVICE_UNSUPPORTED_SERVICE: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'この機器ではこのサービスを使えない', en: 'This device cannot do this service' },
    meaning: {
      ja: 'この機器はこのサービスにそもそも対応していません。別の機器か、LinuxをCEにするモードを使います。',
      en: 'The device cannot do this service at all; the fallback is another device or Linux CE mode.',
    },
  },
  AFTR_NAME_UNRESOLVED: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'AFTRの名前を解決できない', en: 'AFTR name does not resolve' },
    meaning: {
      ja: 'DS-LiteのAFTR名（gw.transix.jp など）が名前解決できません（回線からIPv6のDNSを得られていない）。',
      en: 'DS-Lite: the AFTR name (e.g. gw.transix.jp) does not resolve (no IPv6 DNS from the line).',
    },
  },
  FIXEDIP_UPDATE_NOT_CONFIGURED: {
    severity: 'error',
    appliesTo: both,
    title: { ja: '固定IPの更新通知が設定されていない', en: 'Fixed-IP update notification not configured' },
    meaning: {
      ja: '現在のプレフィックスをプロバイダーの更新サーバーに通知する仕組み（スクリプト・スケジュール）がありません。',
      en: 'Nothing notifies the provider\u2019s update server of the current prefix (no script / schedule).',
    },
  },
  FIXEDIP_UPDATE_FAILED: {
    severity: 'error',
    appliesTo: both,
    title: { ja: '固定IPの更新通知が失敗している', en: 'Fixed-IP update notification failed' },
    meaning: {
      ja: '最後の更新通知が失敗したか、OK以外の応答でした。',
      en: 'The last notification failed or returned something other than OK.',
    },
  },
  FIXEDIP_PREFIX_LOG_OFF: {
    severity: 'error',
    appliesTo: ['rtx'],
    title: { ja: 'prefix change log が無効', en: 'prefix change log is off' },
    meaning: {
      ja: 'ipv6 <lan> prefix change log on がないため、通知スクリプトが反応するログが出ず、通知が行われません。',
      en: 'ipv6 <lan> prefix change log on is missing, so the notification script never fires.',
    },
  },
  FIXEDIP_IID_MISMATCH: {
    severity: 'warning',
    appliesTo: both,
    title: { ja: 'インターフェースIDが固定IPと合っていない', en: 'Interface ID does not match the fixed IP' },
    meaning: {
      ja: 'CEアドレスのインターフェースIDが、固定IPから推定されるものと一致しません（通知書の値が正です）。',
      en: 'The interface ID of the CE address does not match the one the fixed IP implies (the provider\u2019s notice is authoritative).',
    },
  },
  FIXEDIP_NAT_OUTER_MISMATCH: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'NATの外側アドレスが契約の固定IPではない', en: 'NAT outer address is not the fixed IP' },
    meaning: { ja: 'NATの外側アドレスが契約した固定IPv4アドレスではありません。', en: 'The NAT outer address is not the contracted fixed IPv4 address.' },
  },
  NAT_DESCRIPTOR_MISSING: {
    severity: 'error',
    appliesTo: both,
    title: { ja: 'トンネルにNATがない', en: 'No NAT on the tunnel' },
    meaning: { ja: 'トンネルにNAT/IPマスカレードが設定されていません。', en: 'No NAT/masquerade is bound to the tunnel.' },
  },
  PORTSET_OUTSIDE: {
    severity: 'error',
    appliesTo: both,
    title: { ja: '割り当て外のポートに変換している', en: 'Ports translated outside the port set' },
    meaning: {
      ja: '送信元ポートがCEに割り当てられたポート範囲の外に変換されています（MAP-Eで既定のマスカレード範囲を使っている等）。BRに捨てられます。',
      en: 'Source ports are translated outside the CE\u2019s port set (e.g. the default masquerade range on MAP-E); the BR drops them.',
    },
  },
  PORTSET_PARTIAL: {
    severity: 'warning',
    appliesTo: both,
    title: { ja: '割り当てポートの一部しか使っていない', en: 'Only part of the port set is used' },
    meaning: {
      ja: '割り当てられたポートの一部（240のうち16など）しか使っていないため、セッションがすぐに足りなくなります。',
      en: 'Only part of the port set is used (e.g. one 16-port block of 240): sessions run out.',
    },
  },
  ICMP_NOT_TRANSLATED: {
    severity: 'warning',
    appliesTo: both,
    title: { ja: 'ICMPがポートセット内に変換されない', en: 'ICMP is not translated into the port set' },
    meaning: {
      ja: 'ICMPエコーの識別子がポートセット内に変換されないため、TCP/UDPが通ってもIPv4のpingが失敗します。',
      en: 'ICMP echo identifiers are not mapped into the port set, so IPv4 ping fails even when TCP/UDP work.',
    },
  },
  TUNNEL_MTU_TOO_LARGE: {
    severity: 'warning',
    appliesTo: both,
    title: { ja: 'トンネルのMTUが大きすぎる', en: 'Tunnel MTU too large' },
    meaning: { ja: 'トンネルのMTUが1460を超えています（1500の回線でIPv6ヘッダー40バイト分）。', en: 'Tunnel MTU above 1460 (IPv6 40-byte header on a 1500 line).' },
  },
  MSS_CLAMP_MISSING: {
    severity: 'warning',
    appliesTo: both,
    title: { ja: 'TCP MSSが調整されていない', en: 'TCP MSS is not clamped' },
    meaning: {
      ja: 'トンネルでTCP MSSが調整されていないため、大きなパケットで通信が止まることがあります。',
      en: 'TCP MSS is not clamped for the tunnel, so large transfers can stall.',
    },
  },
  IPV4_FILTER_LAN_MISMATCH: {
    severity: 'error',
    appliesTo: ['rtx'],
    title: { ja: 'トンネルのフィルターが別のLANを指している', en: 'Tunnel filter names another LAN' },
    meaning: {
      ja: 'トンネルのフィルターが、ルーターのLANではないネットワーク（設定例のコピー）を指定しているため、ICMPなどの返信が拒否されます。',
      en: 'A tunnel filter names a LAN network that is not the router\u2019s LAN (a copied example), so replies such as ICMP are rejected.',
    },
  },
};
