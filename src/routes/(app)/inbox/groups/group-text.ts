/** What a bubble of the group chat says, as text: the group page shows no media players. */
import type { ThreadItem } from '$lib/domain/thread.ts';
import type { MessageKey } from '$lib/i18n/zh-CN.ts';

export function bubbleText(item: ThreadItem, t: (key: MessageKey) => string): string {
	if (!item.message) return t('groups.retracted');
	if (item.text !== null) return item.editedAt ? `${item.text} ${t('groups.edited')}` : item.text;
	if (item.message.kind === 'card') return t('groups.card');
	return t('groups.attachment');
}
