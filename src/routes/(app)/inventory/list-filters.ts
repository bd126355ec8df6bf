/**
 * What the inventory list is narrowed to, kept in the address (`?q=hg&status=workshop&due=1`) so
 * the dashboard can link to a filtered list and the back button returns to the same results.
 */
import type { CategoryId } from '$lib/domain/inventory.ts';
import { unitStatuses } from '$lib/domain/inventory-summary.ts';
import type { UnitStatus } from '$lib/domain/unit-status.ts';

export interface ListFilters {
	q: string;
	categoryId: CategoryId | null;
	statuses: UnitStatus[];
	serviceDue: boolean;
}

const isStatus = (value: string): value is UnitStatus =>
	(unitStatuses as readonly string[]).includes(value);

/** The filters an address asks for; unknown statuses are ignored. */
export function readFilters(url: URL): ListFilters {
	const params = url.searchParams;
	return {
		q: params.get('q') ?? '',
		categoryId: (params.get('category') || null) as CategoryId | null,
		statuses: params.getAll('status').filter(isStatus),
		serviceDue: params.get('due') === '1'
	};
}

/** The query string for some filters (`''` when none), statuses in the UI's order. */
export function filtersQuery(filters: ListFilters): '' | `?${string}` {
	const params = new URLSearchParams();
	if (filters.q.trim()) params.set('q', filters.q);
	if (filters.categoryId) params.set('category', filters.categoryId);
	for (const status of unitStatuses)
		if (filters.statuses.includes(status)) params.append('status', status);
	if (filters.serviceDue) params.set('due', '1');
	const query = params.toString();
	return query ? `?${query}` : '';
}

/** True when anything narrows the list. */
export function isFiltered(filters: ListFilters): boolean {
	return (
		filters.q.trim() !== '' ||
		filters.categoryId !== null ||
		filters.statuses.length > 0 ||
		filters.serviceDue
	);
}
