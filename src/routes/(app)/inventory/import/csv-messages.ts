/** A CSV preview's problems as sentences in the staff's language. */
import type { CsvFileError, CsvPreviewRow, CsvRowError } from '$lib/domain/inventory-csv.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';

/** The column keys of the English headers a file error names (`hourly_late` → `hourlyLate`). */
const byEnglishHeader: Record<string, CsvRowError['column']> = {
	hourly_late: 'hourlyLate',
	replacement_value: 'replacementValue',
	sale_price: 'salePrice',
	service_every_rentals: 'everyRentals',
	service_every_days: 'everyRentalDays',
	acquired_on: 'acquiredOn'
};
const columns = new Set<string>([
	'type',
	'model',
	'brand',
	'category',
	'specs',
	'tracking',
	'daily',
	'weekend',
	'holiday',
	'hourlyLate',
	'deposit',
	'replacementValue',
	'salePrice',
	'everyRentals',
	'everyRentalDays',
	'code',
	'acquiredOn',
	'notes',
	'retired'
] satisfies CsvRowError['column'][]);

/** A column header the file must have or has twice, in the staff's language. */
function headerName(header: string): string {
	const key = byEnglishHeader[header] ?? header;
	return columns.has(key) ? t(`csvColumn.${key as CsvRowError['column']}`) : header;
}

export function fileErrorText(error: CsvFileError): string {
	switch (error.code) {
		case 'empty':
			return t('csvFile.empty');
		case 'unterminated_quote':
			return t('csvFile.unterminated_quote', { line: error.line ?? '?' });
		case 'unknown_column':
			return t('csvFile.unknown_column', { header: error.header ?? '' });
		default:
			return t(`csvFile.${error.code}`, { header: headerName(error.header ?? '') });
	}
}

export function rowErrorText(error: CsvRowError): string {
	return t('csvImport.problem', {
		column: t(`csvColumn.${error.column}`),
		problem: t(`csvError.${error.code}`)
	});
}

/** The code a unit row gets: as written, or the one import gives it. */
export function rowCode(row: CsvPreviewRow): string {
	if (row.kind !== 'unit') return '';
	if (row.codeAssigned && row.unit) return t('csvImport.codeAssigned', { code: row.unit.code });
	return row.cells.code ?? '';
}
