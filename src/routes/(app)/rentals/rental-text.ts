/** Sentences for the rentals pages: refusals, conflicts and resolutions in the shop's words. */
import type { CheckOutRefusal } from '$lib/domain/check-out.ts';
import type { LedgerConflict, Resolution } from '$lib/domain/ledger-conflicts.ts';
import type { PaymentMethod } from '$lib/domain/ledger.ts';
import type { SettleRefusal } from '$lib/domain/ledger-settlement.ts';
import { formatYuan } from '$lib/domain/money.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';
import { lateMessage } from './day/day-view.ts';

/** Names the page knows: unit codes, customer and model names by id. */
export interface Names {
	code: (unitId: string) => string;
	customer: (customerId: string) => string;
	model: (modelId: string) => string;
	/** The customer of a rental. */
	rentalCustomer: (rentalId: string) => string;
	reservationCustomer: (reservationId: string) => string;
}

/** Methods money can be taken or handed back by, in the order the counter offers them. */
export const takingMethods = ['cash', 'wechat', 'alipay', 'card'] as const;

export function methodText(method: PaymentMethod): string {
	return t(`method.${method}`);
}

export function refusalText(refusal: CheckOutRefusal, names: Pick<Names, 'code'>): string {
	switch (refusal.code) {
		case 'unit-twice':
		case 'unit-out':
		case 'unit-unavailable':
		case 'unit-reserved':
			return t(`checkout.refusal.${refusal.code}`, { code: names.code(refusal.unitId) });
		case 'deposit-over-cards':
		case 'deposit-below-cards':
			return t(`checkout.refusal.${refusal.code}`, { amount: formatYuan(refusal.cards) });
		default:
			return t(`checkout.refusal.${refusal.code}`);
	}
}

export function settleErrorText(error: SettleRefusal): string {
	switch (error.code) {
		case 'already-settled':
		case 'damage-over-replacement-value':
		case 'discount-over-charges':
			return t(`settle.error.${error.code}`);
		default:
			return t('settle.error.other', { code: error.code });
	}
}

export function conflictText(conflict: LedgerConflict, names: Names): string {
	switch (conflict.kind) {
		case 'unit-out-twice':
			return t('conflict.unit-out-twice', {
				code: names.code(conflict.unitId),
				customers: conflict.rentalIds.map(names.rentalCustomer).join('、')
			});
		case 'swapped-off-every-rental':
			return t('conflict.swapped-off-every-rental', {
				code: names.code(conflict.unitId),
				customers: conflict.rentalIds.map(names.rentalCustomer).join('、')
			});
		case 'settled-twice':
		case 'bill-changed':
			return t(`conflict.${conflict.kind}`, { customer: names.rentalCustomer(conflict.rentalId) });
		case 'over-booked':
			return t('conflict.over-booked', {
				model: names.model(conflict.modelId),
				from: `${i18n.date(conflict.from)} ${i18n.time(conflict.from)}`,
				demand: conflict.demand,
				capacity: conflict.capacity
			});
		case 'returned-never-out':
			return t('conflict.returned-never-out', {
				code: names.code(conflict.unitId),
				customer: names.rentalCustomer(conflict.rentalId)
			});
	}
}

export function resolutionText(resolution: Resolution, names: Names): string {
	switch (resolution.action) {
		case 'swap-unit':
			return t('resolve.swap', {
				code: names.code(resolution.unitId),
				keep: names.rentalCustomer(resolution.keepRentalId),
				other: names.rentalCustomer(resolution.rentalId)
			});
		case 'swap-back':
			return t('resolve.swap-back', {
				code: names.code(resolution.unitId),
				customer: names.rentalCustomer(resolution.rentalId)
			});
		case 'cancel-reservation':
			return t('resolve.cancel-reservation', {
				customer: names.reservationCustomer(resolution.reservationId)
			});
		default:
			return t(`resolve.${resolution.action}`);
	}
}

/** How late, in the largest units that matter: 2 天 3 小时, 5 小时 20 分, 40 分钟. */
export function lateText(ms: number): string {
	const { key, params } = lateMessage(ms);
	return t(key, params);
}

/** A short number staff can read out: the first six characters of the rental id. */
export function rentalNumber(rentalId: string): string {
	return rentalId
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 6)
		.toUpperCase();
}

/** The names a page shows, from the ledger and the inventory as they are now. */
export function namesFrom(
	ledger: {
		customer(id: string): { name: string } | undefined;
		rental(id: string): { customerId: string } | undefined;
		reservations: readonly { id: string; customerId: string }[];
	},
	inventory: {
		unit(id: never): { code: string } | undefined;
		model(id: never): { name: string } | undefined;
	} | null
): Names {
	const customer = (id: string) => ledger.customer(id)?.name ?? '?';
	return {
		code: (unitId) => inventory?.unit(unitId as never)?.code ?? '?',
		model: (modelId) => inventory?.model(modelId as never)?.name ?? '?',
		customer,
		rentalCustomer: (rentalId) => customer(ledger.rental(rentalId)?.customerId ?? ''),
		reservationCustomer: (id) =>
			customer(ledger.reservations.find((r) => r.id === id)?.customerId ?? '')
	};
}
