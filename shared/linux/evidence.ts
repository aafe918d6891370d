/**
 * Where a Linux fact came from. Findings point the user at these lines, so every parsed fact carries one.
 */
export interface Evidence {
  /** The command as typed or run (`sudo ip -6 tunnel show`), or a label when the text came without one. */
  command: string;
  /**
   * 1-based line numbers in the text that was parsed (or in the whole transcript, when the output came from one).
   * Null when no line can be named (JSON whose shape was not what we scan for).
   */
  lines: number[] | null;
  /** For JSON input: the index of the object in the top-level array (`nftables` array for `nft -j`). */
  jsonIndex?: number;
}

/** What every parser is told besides the text. */
export interface ParseOptions {
  /** The command the output belongs to; used in evidence. */
  command?: string;
  /** Line number of the output's first line in a larger text (a transcript). Default 1. */
  firstLine?: number;
}

export function textEvidence(command: string, lines: number[]): Evidence {
  return { command, lines };
}

/** Evidence that merges several single-line facts (e.g. the three lines of one interface). */
export function spanEvidence(command: string, first: number, last: number): Evidence {
  const lines: number[] = [];
  for (let n = first; n <= last; n++) lines.push(n);
  return { command, lines };
}
