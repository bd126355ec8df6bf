/** zh-CN messages of the scanning pages (merged into the main dictionary). */
export const scanningZhCN = {} as const;

export type ScanningMessages = Record<keyof typeof scanningZhCN, string>;
