export const LINUX_SIZES: number[];
export function renderIcons(svg?: Buffer | string): Map<string, Buffer>;
