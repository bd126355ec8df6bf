/**
 * The owner's quick replies (in the `settings` doc) as the composer's menu and the settings
 * section see them. Staff read them; only the owner writes (the server refuses a staff member's
 * write to settings). It reads through the settings handle `ShopSettings` holds (and releases).
 */
import { staffOrigin } from '../crdt/origin.ts';
import {
	addQuickReply,
	moveQuickReply,
	observeSettings,
	readQuickReplies,
	removeQuickReply,
	updateQuickReply
} from '../crdt/settings.ts';
import {
	quickReplyLimits,
	validateQuickReply,
	type QuickReply,
	type QuickReplyDraft,
	type QuickReplyResult
} from '../domain/quick-replies.ts';
import type { StaffAccount } from '../domain/staff.ts';
import type { LocalDoc } from '../local/docs.ts';

export class QuickReplies {
	readonly #handle: LocalDoc;
	readonly #author: () => StaffAccount;
	readonly #stop: () => void;
	#list = $state.raw<QuickReply[]>([]);

	constructor(handle: LocalDoc, author: () => StaffAccount) {
		this.#handle = handle;
		this.#author = author;
		this.#list = readQuickReplies(handle.doc);
		this.#stop = observeSettings(handle.doc, () => (this.#list = readQuickReplies(handle.doc)));
	}

	/** In menu order. */
	get list(): readonly QuickReply[] {
		return this.#list;
	}

	get canEdit(): boolean {
		return this.#author().role === 'owner';
	}

	/** Validates and adds a reply at the end (refused past `quickReplyLimits.count`). */
	async add(draft: QuickReplyDraft): Promise<QuickReplyResult> {
		const result = validateQuickReply(draft);
		if (!result.ok) return result;
		if (this.#list.length >= quickReplyLimits.count) return { ok: false, error: 'too_many' };
		addQuickReply(this.#handle.doc, result.value, this.#origin());
		await this.#handle.flush();
		return result;
	}

	async update(id: string, draft: QuickReplyDraft): Promise<QuickReplyResult> {
		const result = validateQuickReply(draft);
		if (!result.ok) return result;
		if (updateQuickReply(this.#handle.doc, id, result.value, this.#origin()))
			await this.#handle.flush();
		return result;
	}

	async remove(id: string): Promise<void> {
		if (removeQuickReply(this.#handle.doc, id, this.#origin())) await this.#handle.flush();
	}

	async move(id: string, step: -1 | 1): Promise<void> {
		if (moveQuickReply(this.#handle.doc, id, step, this.#origin())) await this.#handle.flush();
	}

	/** Stops following the doc; the handle stays with whoever opened it. */
	destroy(): void {
		this.#stop();
	}

	#origin() {
		const { id, name } = this.#author();
		return staffOrigin(id, name);
	}
}
