/** Words for sync states, shared by the indicator and its detail dialog. */
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';
import type { MessageKey } from '$lib/i18n/zh-CN.ts';
import type { SyncStatus } from '$lib/sync/status.ts';

export function connectionLabel(status: SyncStatus): string {
	if (status.connection === 'online') return t('sync.online');
	if (status.connection === 'connecting') return t('sync.connecting');
	return status.offlineSince === null
		? t('sync.offline')
		: t('sync.offlineSince', { time: i18n.time(status.offlineSince) });
}

const docKeys: Record<string, MessageKey> = {
	settings: 'sync.doc.settings',
	inventory: 'sync.doc.inventory',
	ledger: 'sync.doc.ledger',
	inbox: 'sync.doc.inbox'
};

export function docLabel(name: string): string {
	const key = docKeys[name];
	return key ? t(key) : t('sync.doc.other', { name });
}

export function syncErrorLabel(code: number): string {
	if (code === 4403) return t('sync.error.4403');
	if (code === 4400) return t('sync.error.4400');
	if (code === 4413) return t('sync.error.4413');
	return t('sync.error.other', { code });
}
