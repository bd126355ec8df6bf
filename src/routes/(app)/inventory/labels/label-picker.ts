/** What the label picker lists: models with coded units, narrowed by a search. */
// Relative imports: the unit tests type-check with the server's tsconfig, which has no `$lib`.
import type { Category, Model, ModelId, Unit, UnitId } from '../../../../lib/domain/inventory.ts';
import type { SearchHit } from '../../../../lib/domain/search.ts';

export interface PickerGroup {
	model: Model;
	/** The category's name in the staff's language. */
	category: string;
	units: readonly Unit[];
}

export interface PickerSource {
	models: readonly Model[];
	categories: readonly Category[];
	unitsOf(modelId: ModelId): readonly Unit[];
}

/**
 * Models in category order with their units. With `hits` (a search), a model found lists all
 * its units and a unit found lists itself; models without a unit to show are left out.
 */
export function pickerGroups(
	source: PickerSource,
	hits: readonly SearchHit[] | null,
	locale: 'zh' | 'en'
): PickerGroup[] {
	const wholeModels = new Set<ModelId>();
	const someUnits = new Set<UnitId>();
	for (const hit of hits ?? []) {
		if (hit.kind === 'model') wholeModels.add(hit.modelId);
		else someUnits.add(hit.unitId);
	}
	const shows = (unit: Unit) =>
		hits === null || wholeModels.has(unit.modelId) || someUnits.has(unit.id);
	const order = (m: Model) => {
		const index = source.categories.findIndex((c) => c.id === m.categoryId);
		return index < 0 ? source.categories.length : index;
	};
	return source.models
		.map((model) => ({
			model,
			category: source.categories.find((c) => c.id === model.categoryId)?.name[locale] ?? '',
			units: source.unitsOf(model.id).filter(shows)
		}))
		.filter((group) => group.units.length > 0)
		.sort((a, b) => order(a.model) - order(b.model));
}
