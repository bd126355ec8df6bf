/** Messages shown to the user in the frame's banner area (errors stay until dismissed). */
import type { MessageParams } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

export type NoticeTone = 'error' | 'success' | 'info';

export interface Notice {
	id: number;
	tone: NoticeTone;
	key: MessageKey;
	params?: MessageParams;
}

/** Success and info notices go away on their own after this long. */
const FLEETING_MS = 6000;

export class Notices {
	#list = $state<Notice[]>([]);
	#nextId = 1;

	get list(): readonly Notice[] {
		return this.#list;
	}

	/** Shows a notice; the same message twice is shown once. */
	push(tone: NoticeTone, key: MessageKey, params?: MessageParams): number {
		const same = this.#list.find(
			(notice) => notice.key === key && JSON.stringify(notice.params) === JSON.stringify(params)
		);
		if (same) return same.id;
		const id = this.#nextId++;
		this.#list = [...this.#list, { id, tone, key, params }];
		if (tone !== 'error') setTimeout(() => this.dismiss(id), FLEETING_MS);
		return id;
	}

	dismiss(id: number): void {
		this.#list = this.#list.filter((notice) => notice.id !== id);
	}

	clear(): void {
		this.#list = [];
	}
}
