import type { ScanningMessages } from './scanning.zh-CN.ts';

/** English messages of the scanning pages: every zh-CN key, checked by the type. */
export const scanningEn: ScanningMessages = {};
