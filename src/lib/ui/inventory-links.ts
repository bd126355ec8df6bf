/**
 * Paths of inventory pages that other pages link to, for `resolve(...)` at the link. Pages take
 * query parameters rather than `[id]` segments, so every page is a prerendered shell that opens
 * offline.
 */

/** A model's page. */
export function modelPath(modelId: string) {
	return `/inventory/model?id=${encodeURIComponent(modelId)}` as const;
}

/** A unit's page. */
export function unitPath(unitId: string) {
	return `/inventory/unit?id=${encodeURIComponent(unitId)}` as const;
}

/** The label sheet, for some units (comma-separated ids) or for choosing them there. */
export function labelsPath(unitIds: readonly string[] = []) {
	if (unitIds.length === 0) return '/inventory/labels' as const;
	return `/inventory/labels?units=${unitIds.map(encodeURIComponent).join(',')}` as const;
}

/** CSV import and export; `demo` jumps to its demo shop section. */
export function importPath(section?: 'demo') {
	return section === 'demo'
		? ('/inventory/import#demo-title' as const)
		: ('/inventory/import' as const);
}
