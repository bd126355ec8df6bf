/** zh-CN messages of the inventory pages (merged into the main dictionary). */
export const inventoryZhCN = {} as const;

export type InventoryMessages = Record<keyof typeof inventoryZhCN, string>;
