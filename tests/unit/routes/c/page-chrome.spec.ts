import { describe, expect, it } from 'vitest';
import { linkManifest, unreadTitle } from '../../../../src/routes/c/[token]/page-chrome.ts';

describe('unreadTitle', () => {
	it.each([
		[0, '老王渔具'],
		[1, '(1) 老王渔具'],
		[12, '(12) 老王渔具']
	])('%i unread', (unread, title) => {
		expect(unreadTitle('老王渔具', unread)).toBe(title);
	});
});

describe('linkManifest', () => {
	it('opens this conversation, not the staff app', () => {
		const manifest = linkManifest('老王渔具', 'https://shop.example/c/abc.def?x=1#end');
		expect(manifest).toMatchObject({
			name: '老王渔具',
			start_url: 'https://shop.example/c/abc.def',
			scope: 'https://shop.example/c/abc.def',
			display: 'standalone'
		});
		expect(manifest.icons).toEqual([
			{ src: 'https://shop.example/favicon.svg', sizes: 'any', type: 'image/svg+xml' }
		]);
	});
});
