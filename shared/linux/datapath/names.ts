/**
 * Names and paths IPoE Doctor owns on a Linux host: the datapath (apply, rollback, persist) and the diagnosis's
 * Linux fix plans use these same names, so rollback and persistence can find exactly what is ours and leave
 * everything else alone.
 */

/** The ip6tnl tunnel the app creates (the user's own tunnels keep their names). */
export const TUNNEL = 'ipoe0';
/** Every nft rule of the app lives in this one table: rollback is `nft delete table ip ipoe_doctor`. */
export const NFT_TABLE = 'ipoe_doctor';
export const NFT_FAMILY_TABLE = `ip ${NFT_TABLE}`;
/**
 * The chains of that table, by what they do. The datapath's table file and the diagnosis's Linux fix plans build
 * the same chains under the same names (a line has one port set, one NAT, one clamp), so each plan can add, flush
 * and delete exactly its own chains.
 */
export const NFT_CHAINS = {
  /** MAP-E: a round-robin port-block mark for forwarded connections, and one for the host's own. */
  markForwarded: 'mark_forwarded',
  markLocal: 'mark_local',
  /** MAP-E: one SNAT rule per port block. */
  snatPortBlocks: 'snat_port_blocks',
  /** TCP MSS clamped to the path MTU. */
  clampMss: 'clamp_mss',
  /** Fixed IP: NAT to the whole contracted address. */
  snatFixedIp: 'snat_fixed_ip',
  /** DS-Lite: every source becomes the B4 address. */
  snatB4: 'snat_b4',
} as const;

/** On the target: the state (what apply added, old values, the snapshot before apply). */
export const STATE_DIR = '/var/lib/ipoe-doctor';
export const STATE_FILE = `${STATE_DIR}/state.json`;
/** One line per step that changed something; written by the apply script itself, read by rollback. */
export const JOURNAL_FILE = `${STATE_DIR}/journal`;
export const APPLY_SCRIPT_FILE = `${STATE_DIR}/apply.sh`;
export const ROLLBACK_SCRIPT_FILE = `${STATE_DIR}/rollback.sh`;

/** Fixed IP: the update-server password, root-only, so scripts (and the boot unit) never carry it. */
export const CONFIG_DIR = '/etc/ipoe-doctor';
export const UPDATE_PASS_FILE = `${CONFIG_DIR}/update-pass`;
/** Environment variable that overrides the password file (and the name shown in place of the password). */
export const UPDATE_PASS_ENV = 'IPOE_UPDATE_PASS';

/** Persistence. */
export const UNIT_NAME = 'ipoe-doctor-ce.service';
export const UNIT_FILE = `/etc/systemd/system/${UNIT_NAME}`;
export const LIB_DIR = '/usr/local/lib/ipoe-doctor';
export const UP_SCRIPT_FILE = `${LIB_DIR}/ce-up.sh`;
export const DOWN_SCRIPT_FILE = `${LIB_DIR}/ce-down.sh`;
/**
 * The persisted nft table. Not /etc/nftables.d: Debian's /etc/nftables.conf starts with `flush ruleset` and
 * includes nothing from there, so ce-up.sh loads this file itself, after nftables.service.
 */
export const NFT_FILE = `${CONFIG_DIR}/ipoe-doctor.nft`;

/** RFC 6333 B4 address: the CE's IPv4 inside a DS-Lite tunnel. */
export const DSLITE_B4_IPV4 = '192.0.0.2';
export const DSLITE_B4_PREFIX = 29;
