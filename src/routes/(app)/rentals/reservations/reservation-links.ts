/**
 * Paths of the reservation, calendar and day-end pages, for `resolve(...)` at the link. Like the
 * inventory's, they take query parameters rather than `[id]` segments, so every page is a
 * prerendered shell that opens offline. A model's page links to `calendarPath(model.id)`.
 */

/** What the new-reservation form starts with. */
export interface ReservationPrefill {
	modelId?: string;
	/** `'YYYY-MM-DD'`: the day the window starts (06:00 → 18:00 that day). */
	date?: string;
	customerId?: string;
}

/** The list of reservations. */
export function reservationsPath() {
	return '/rentals/reservations' as const;
}

/** The list with the new-reservation form open, prefilled. */
export function newReservationPath(prefill: ReservationPrefill = {}) {
	const query = new URLSearchParams({ new: '1' });
	if (prefill.modelId) query.set('model', prefill.modelId);
	if (prefill.date) query.set('date', prefill.date);
	if (prefill.customerId) query.set('customer', prefill.customerId);
	return `/rentals/reservations?${query}` as const;
}

/** A model's calendar for the coming weeks; without a model, the page asks for one. */
export function calendarPath(modelId?: string) {
	if (!modelId) return '/rentals/calendar' as const;
	return `/rentals/calendar?model=${encodeURIComponent(modelId)}` as const;
}

/** The day-end report of a shop date; without one, today's. */
export function dayReportPath(date?: string) {
	if (!date) return '/rentals/day' as const;
	return `/rentals/day?date=${encodeURIComponent(date)}` as const;
}

/** A rental's page (check-in, settlement, receipt). */
export function rentalPath(rentalId: string) {
	return `/rentals/rental?id=${encodeURIComponent(rentalId)}` as const;
}
