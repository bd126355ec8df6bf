/** zh-CN messages of the category settings (merged into the main dictionary). */
export const categoriesZhCN = {
	'category.title': '器材类别',
	'category.add': '添加类别',
	'category.zh': '中文名称',
	'category.en': '英文名称（可不填）',
	'category.prefix': '编号前缀',
	'category.prefixHint': '1–4 个字母，例如 YH 会生成 YH-0001',
	'category.specs': '需要填写的参数',
	'category.addSubmit': '添加类别',
	'category.added': '已添加类别「{name}」',
	'category.ownerOnly': '只有店主可以添加类别。',
	'category.error.required': '请填写名称',
	'category.error.too_long': '名称太长',
	'category.error.bad_prefix': '前缀只能是 1–4 个英文字母',
	'category.error.name_taken': '已有同名类别'
} as const;

export type CategoriesMessages = Record<keyof typeof categoriesZhCN, string>;
