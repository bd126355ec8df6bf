/**
 * Who a broadcast goes to: customers picked from the ledger by tag and by what they rented, e.g.
 * "everyone tagged 海钓" or "everyone who rented a 海竿 since 1 March". Pure data in and out; the
 * staff page turns the answer into the `customerIds` of `POST /api/broadcasts`.
 *
 * - `tags`: the customer has at least one of them (compared folded: case and width ignored).
 * - `rented`: one of the customer's rentals checked out at or after `since` had a unit whose model
 *   name, or its category's name (zh or en), contains `text` (folded, spaces ignored).
 * - Both given: the customer matches both. Neither: every customer.
 */
import type { Customer } from './ledger.ts';
import type { Rental } from './ledger-rentals.ts';

export interface RentedFilter {
	/** Part of a model's name or its category's name, e.g. `海竿`, `sea rod`, `3.6`. */
	text: string;
	/** Epoch ms: rentals checked out at or after this count; 0 for all time. */
	since: number;
}

export interface AudienceFilter {
	/** Any of these tags; empty or absent: tags do not matter. */
	tags?: readonly string[];
	/** Rented a matching model since a time; absent or blank text: rentals do not matter. */
	rented?: RentedFilter;
}

export interface AudienceSources {
	customers: readonly Customer[];
	rentals: readonly Rental[];
	/** The names (zh and en) of a model's category; none when the model is unknown. */
	categoryNames?: (modelId: string) => readonly string[];
}

/** Text compared folded: NFKC (full-width → half-width), lower case, no spaces. */
export function foldText(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Every tag in use, in the order first met, for the filter's choices. */
export function tagsInUse(customers: readonly Customer[]): string[] {
	const seen = new Map<string, string>();
	for (const customer of customers)
		for (const tag of customer.tags) if (!seen.has(foldText(tag))) seen.set(foldText(tag), tag);
	return [...seen.values()];
}

/** Ids of customers who rented a matching model since the filter's time. */
function rentedMatching(sources: AudienceSources, filter: RentedFilter): Set<string> {
	const text = foldText(filter.text);
	const matches = (name: string) => foldText(name).includes(text);
	const found = new Set<string>();
	for (const rental of sources.rentals) {
		if (rental.outAt < filter.since || found.has(rental.customerId)) continue;
		const hit = rental.units.some(
			({ terms }) =>
				matches(terms.modelName) || (sources.categoryNames?.(terms.modelId) ?? []).some(matches)
		);
		if (hit) found.add(rental.customerId);
	}
	return found;
}

/** The customers the filter picks, sorted by name (Chinese collation). */
export function selectAudience(sources: AudienceSources, filter: AudienceFilter): Customer[] {
	const tags = new Set((filter.tags ?? []).map(foldText).filter((t) => t !== ''));
	const rented =
		filter.rented && foldText(filter.rented.text) !== ''
			? rentedMatching(sources, filter.rented)
			: null;
	return sources.customers
		.filter(
			(customer) =>
				(tags.size === 0 || customer.tags.some((tag) => tags.has(foldText(tag)))) &&
				(rented === null || rented.has(customer.id))
		)
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
}
