import { describe, expect, it } from 'vitest';
import {
	foldText,
	selectAudience,
	tagsInUse,
	type AudienceFilter
} from '../../../../src/lib/domain/audience.ts';
import type { Customer } from '../../../../src/lib/domain/ledger.ts';
import type { Rental } from '../../../../src/lib/domain/ledger-rentals.ts';

const march1 = Date.UTC(2025, 2, 1);
const day = 24 * 60 * 60 * 1000;

function customer(id: string, name: string, tags: string[] = []): Customer {
	return { id, name, phone: '', tags, note: '', createdAt: 0 };
}

/** Just what the audience reads of a rental: who, when, and each unit's model. */
function rental(customerId: string, outAt: number, ...models: [string, string][]): Rental {
	return {
		id: `r-${customerId}-${outAt}`,
		customerId,
		outAt,
		units: models.map(([modelId, modelName]) => ({ terms: { modelId, modelName }, since: outAt }))
	} as unknown as Rental;
}

const zhang = customer('c-zhang', '张大爷', ['海钓', '老客户']);
const li = customer('c-li', '李师傅', ['路亚']);
const wang = customer('c-wang', '王小明', ['ＶＩＰ']);
const zhao = customer('c-zhao', '赵四');

const sources = {
	customers: [zhang, li, wang, zhao],
	rentals: [
		rental('c-zhang', march1 + 3 * day, ['m-sea', '3.6 m 海竿']),
		rental('c-li', march1 - 10 * day, ['m-sea', '3.6 m 海竿']),
		rental('c-li', march1 + day, ['m-lure', '枪柄路亚竿 1.98 m']),
		rental('c-wang', march1 + 5 * day, ['m-boat', '船竿 2.1 m'], ['m-chair', '折叠椅']),
		rental('c-zhao', march1 + 6 * day, ['m-gone', 'Old model'])
	],
	categoryNames: (modelId: string) =>
		({
			'm-sea': ['海竿', 'Sea rod'],
			'm-boat': ['海竿', 'Sea rod'],
			'm-lure': ['路亚竿', 'Lure rod'],
			'm-chair': ['折叠椅', 'Folding chair']
		})[modelId] ?? []
};

const cases: { story: string; filter: AudienceFilter; picked: string[] }[] = [
	{ story: 'no filter: every customer, by name', filter: {}, picked: ['李', '王', '张', '赵'] },
	{ story: 'tagged 海钓', filter: { tags: ['海钓'] }, picked: ['张'] },
	{ story: 'any of two tags', filter: { tags: ['海钓', '路亚'] }, picked: ['李', '张'] },
	{ story: 'a tag typed in half-width lower case', filter: { tags: ['vip'] }, picked: ['王'] },
	{ story: 'blank tags do not filter', filter: { tags: [' '] }, picked: ['李', '王', '张', '赵'] },
	{
		story: 'rented a 海竿 this season: by model name or by category (船竿 is a sea rod)',
		filter: { rented: { text: '海竿', since: march1 } },
		picked: ['王', '张']
	},
	{
		story: 'rented a 海竿 ever: 李 had one before the season',
		filter: { rented: { text: '海竿', since: 0 } },
		picked: ['李', '王', '张']
	},
	{
		story: 'by the category’s English name, any case and spacing',
		filter: { rented: { text: 'SEAROD', since: march1 } },
		picked: ['王', '张']
	},
	{
		story: 'by part of a model name',
		filter: { rented: { text: '3.6m', since: 0 } },
		picked: ['李', '张']
	},
	{
		story: 'a model with no known category still matches by its own name',
		filter: { rented: { text: 'old model', since: 0 } },
		picked: ['赵']
	},
	{
		story: 'both: tagged 海钓 AND rented a 海竿 this season',
		filter: { tags: ['海钓', 'VIP'], rented: { text: '海竿', since: march1 } },
		picked: ['王', '张']
	},
	{
		story: 'both, and nobody fits',
		filter: { tags: ['路亚'], rented: { text: '海竿', since: march1 } },
		picked: []
	},
	{
		story: 'a rental checked out exactly at the start counts',
		filter: { rented: { text: '海竿', since: march1 + 3 * day } },
		picked: ['王', '张']
	},
	{
		story: 'blank rented text does not filter',
		filter: { rented: { text: '  ', since: march1 } },
		picked: ['李', '王', '张', '赵']
	}
];

describe('selectAudience', () => {
	it.each(cases)('$story', ({ filter, picked }) => {
		expect(selectAudience(sources, filter).map((c) => c.name[0])).toEqual(picked);
	});

	it('works without category names (models matched by name only)', () => {
		const picked = selectAudience(
			{ customers: sources.customers, rentals: sources.rentals },
			{ rented: { text: '海竿', since: march1 } }
		);
		expect(picked.map((c) => c.id)).toEqual(['c-zhang']);
	});
});

describe('tagsInUse and foldText', () => {
	it('lists each tag once, as first written', () => {
		const again = customer('c-x', '钱', ['海钓', 'vip']);
		expect(tagsInUse([zhang, li, wang, again])).toEqual(['海钓', '老客户', '路亚', 'ＶＩＰ']);
	});

	it('folds width, case and spaces', () => {
		expect(foldText(' ＶＩＰ  Sea Rod ')).toBe('vipsearod');
	});
});
