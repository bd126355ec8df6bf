/**
 * The label sheet: A4 sticker paper of 3 × 8 labels, 70 × 37 mm each (the common 24-up sheet),
 * each with the unit's code as a QR code (made by `qrcode`), the code in large type, and what
 * the unit is.
 */
// Relative imports and the reference: the unit tests type-check with the server's tsconfig,
// which has no `$lib` and does not include this folder's declaration of `qrcode`.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./qrcode.d.ts" />
import QRCode from 'qrcode';
import type { Category, LocalizedText, Model } from '../../../../lib/domain/inventory.ts';

export const LABELS_PER_SHEET = 24;

/** Sheets of cells: `skip` empty cells first (labels already peeled off), then the items. */
export function sheetsOf<T>(items: readonly T[], skip = 0): (T | null)[][] {
	const blanks = Math.min(Math.max(0, Math.floor(skip) || 0), LABELS_PER_SHEET - 1);
	const cells: (T | null)[] = [...new Array<null>(blanks).fill(null), ...items];
	const sheets: (T | null)[][] = [];
	for (let i = 0; i < cells.length; i += LABELS_PER_SHEET) {
		sheets.push(cells.slice(i, i + LABELS_PER_SHEET));
	}
	return sheets;
}

/** The ids a `?units=a,b,c` parameter lists, in order, once each. */
export function parseIdList(param: string | null): string[] {
	const ids = (param ?? '').split(',').map((id) => id.trim());
	return [...new Set(ids.filter((id) => id !== ''))];
}

/**
 * The QR code of `text` as an SVG data URL: vector, so it prints sharp at any resolution.
 * Error correction M: a label can lose a scratched corner and still read.
 */
export function qrDataUrl(text: string): string {
	let svg = '';
	QRCode.toString(text, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }, (error, out) => {
		if (error) throw error;
		svg = out;
	});
	return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The QR of a code never changes: each made once while the page is open. */
export function qrCache(): (text: string) => string {
	const made = new Map<string, string>();
	return (text) => {
		let url = made.get(text);
		if (url === undefined) made.set(text, (url = qrDataUrl(text)));
		return url;
	};
}

/** The picker with these units ticked (back from the sheet to change the choice). */
export function pickerPath(unitIds: readonly string[]) {
	return `/inventory/labels?picked=${unitIds.map(encodeURIComponent).join(',')}` as '/inventory/labels';
}

/**
 * What a unit is, in one short line under its model's name: the category and its first two
 * specs in `locale` (`海竿 · 3.6 m · 节数 4`, `Sea rod · 3.6 m · Sections 4`).
 */
export function labelDetail(
	model: Model,
	category: Category | undefined,
	locale: 'zh' | 'en'
): string {
	const text = (value: LocalizedText) => value[locale];
	const parts = category ? [text(category.name)] : [];
	for (const field of category?.specFields ?? []) {
		const value = model.specs[field.key];
		if (value === undefined || value === '' || parts.length >= 3) continue;
		if (field.kind === 'choice') {
			const option = field.options.find((o) => o.value === value);
			parts.push(`${text(field.label)} ${option ? text(option.label) : value}`);
		} else if (field.kind === 'number' && field.unit) {
			const cjk = /^\p{Script=Han}/u.test(field.unit);
			parts.push(cjk ? `${value}${field.unit}` : `${value} ${field.unit}`);
		} else parts.push(`${text(field.label)} ${value}`);
	}
	return parts.join(' · ');
}
