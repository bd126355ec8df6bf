/** Turns a failed save on this device (quota, a blocked database …) into its message key. */
import type { MessageKey } from '$lib/i18n/zh-CN.ts';
import { classifyStorageError } from '$lib/local/errors.ts';

export function storageErrorKey(error: unknown): MessageKey {
	return `storage.${classifyStorageError(error)}`;
}
