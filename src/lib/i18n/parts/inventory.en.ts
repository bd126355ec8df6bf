import type { InventoryMessages } from './inventory.zh-CN.ts';

/** English messages of the inventory pages: every zh-CN key, checked by the type. */
export const inventoryEn: InventoryMessages = {};
