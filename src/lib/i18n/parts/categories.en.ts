import type { CategoriesMessages } from './categories.zh-CN.ts';

/** English messages of the category settings: every zh-CN key, checked by the type. */
export const categoriesEn: CategoriesMessages = {
	'category.title': 'Gear categories',
	'category.add': 'Add a category',
	'category.zh': 'Chinese name',
	'category.en': 'English name (optional)',
	'category.prefix': 'Code prefix',
	'category.prefixHint': '1–4 letters; YH gives codes like YH-0001',
	'category.specs': 'Specs to fill in',
	'category.addSubmit': 'Add category',
	'category.added': 'Category “{name}” added',
	'category.ownerOnly': 'Only the owner can add categories.',
	'category.error.required': 'Enter a name',
	'category.error.too_long': 'The name is too long',
	'category.error.bad_prefix': 'The prefix is 1–4 letters',
	'category.error.name_taken': 'A category with this name exists'
};
