/**
 * Facts for ledger tests, in the shop's words: a 3.6 m 海竿 and a 2.7 m 路亚竿 going out from a
 * shop in Shanghai, staff 老王 (s-wang) on tablet A and 小李 (s-li) on tablet B.
 */
import type { ModelId, UnitId } from '../../../../src/lib/domain/inventory.ts';
import type {
	CheckedOut,
	FactStamp,
	LedgerEvent,
	MoneyEntry,
	UnitTerms
} from '../../../../src/lib/domain/ledger.ts';
import type { ShopCalendar } from '../../../../src/lib/domain/pricing.ts';

/** Epoch ms of an ISO time with its offset, e.g. `at('2026-11-27T10:00+08:00')`. */
export function at(iso: string): number {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(`bad test time ${iso}`);
	return ms;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const shanghai: ShopCalendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };

export const SEA = 'm-sea' as ModelId;
export const LURE = 'm-lure' as ModelId;

/** A 3.6 m 海竿: 3000 a day, 4000 at weekends, 500 a late hour, deposit 30000, worth 80000. */
export function seaRod(unitId = 'u-12', code = 'R-0012'): UnitTerms {
	return {
		unitId: unitId as UnitId,
		modelId: SEA,
		code,
		modelName: '3.6 m 海竿',
		card: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000 },
		replacementValue: 80_000
	};
}

/** A 2.7 m 路亚竿: 2000 a day, 2500 at weekends, deposit 20000, worth 45000. */
export function lureRod(unitId = 'u-31', code = 'R-0031'): UnitTerms {
	return {
		unitId: unitId as UnitId,
		modelId: LURE,
		code,
		modelName: '2.7 m 路亚竿',
		card: { daily: 2000, weekend: 2500, deposit: 20_000 },
		replacementValue: 45_000
	};
}

export const uid = (id: string) => id as UnitId;

/** Friday 2026-11-27 10:00 in Shanghai: the rentals below go out then. */
export const FRI_10 = at('2026-11-27T10:00+08:00');

export function stamp(id: string, when: number, by = 's-wang', device = 'tab-a'): FactStamp {
	return { id, at: when, by, device };
}

/** A check-out of `units` (a sea rod by default) to 王师傅, due Sunday 10:00, deposit 30000. */
export function checkedOut(
	rentalId: string,
	options: Partial<Omit<CheckedOut, 'kind' | 'rentalId'>> = {}
): CheckedOut {
	return {
		...stamp(`${rentalId}:out`, FRI_10),
		kind: 'checked-out',
		rentalId,
		customerId: 'c-wang',
		units: [seaRod()],
		calendar: shanghai,
		dueAt: FRI_10 + 2 * DAY,
		deposit: 30_000,
		...options
	};
}

export function returned(rentalId: string, unitId: string, when: number, id?: string): LedgerEvent {
	return {
		...stamp(id ?? `${rentalId}:back:${unitId}:${when}`, when),
		kind: 'unit-returned',
		rentalId,
		unitId: unitId as UnitId
	};
}

/** A money entry on a rental (or, with `rentalId: undefined`, on the customer only). */
export function money(
	id: string,
	kind: MoneyEntry['kind'],
	amount: number,
	options: Partial<MoneyEntry> = {}
): MoneyEntry {
	return {
		...stamp(id, FRI_10),
		rentalId: 'r1',
		customerId: 'c-wang',
		kind,
		amount,
		method: kind === 'charge' ? 'none' : 'cash',
		...options
	};
}

/** The deposit taken with a check-out. */
export function depositFor(event: CheckedOut, method: MoneyEntry['method'] = 'cash'): MoneyEntry {
	return money(`${event.id}:deposit`, 'deposit-in', event.deposit, {
		rentalId: event.rentalId,
		customerId: event.customerId,
		at: event.at,
		by: event.by,
		device: event.device,
		method,
		eventId: event.id
	});
}

/** A seeded PRNG (mulberry32): the same seed, the same sequence. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The items in a random order drawn from `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i -= 1) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}
