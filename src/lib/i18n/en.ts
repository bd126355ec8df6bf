import { inboxEn } from './parts/inbox.en.ts';
import { categoriesEn } from './parts/categories.en.ts';
import { photosEn } from './parts/photos.en.ts';
import { inventoryEn } from './parts/inventory.en.ts';
import { scanningEn } from './parts/scanning.en.ts';
import { reservationsEn } from './parts/reservations.en.ts';
import { customersEn } from './parts/customers.en.ts';
import { rulesEn } from './parts/rules.en.ts';
import type { Messages } from './zh-CN.ts';
import { rentalsEn } from './parts/rentals.en.ts';
import { chatCustomerEn } from './parts/chat-customer.en.ts';
import { groupsEn } from './parts/groups.en.ts';

/** English: every zh-CN key, checked by the `Messages` type. */
export const en: Messages = {
	'app.name': 'Yuzu',
	'app.tagline': 'Tackle rental',
	'common.loading': 'Loading…',
	'common.retry': 'Try again',
	'common.cancel': 'Cancel',
	'common.close': 'Close',
	'common.dismiss': 'Dismiss',
	'common.notSet': 'Not set',
	'lang.label': 'Language',
	'lang.zh-CN': '中文',
	'lang.en': 'English',

	'nav.label': 'Main navigation',
	'nav.dashboard': 'Home',
	'nav.inventory': 'Inventory',
	'nav.rentals': 'Rentals',
	'nav.customers': 'Customers',
	'nav.inbox': 'Inbox',
	'nav.settings': 'Settings',
	'frame.logout': 'Log out',
	'frame.logoutConfirm':
		"Logging out clears the shop's data from this device; it syncs again at the next login. Log out?",
	'frame.logoutPending':
		'Some changes have not reached the server yet and will be lost if you log out. Log out anyway?',
	'role.owner': 'Owner',
	'role.staff': 'Staff',

	'sync.online': 'Online',
	'sync.connecting': 'Syncing',
	'sync.offline': 'Offline',
	'sync.offlineSince': 'Offline since {time}',
	'sync.pending': 'Changes waiting to sync',
	'sync.allSaved': 'All changes are saved on the server',
	'sync.indicator': 'Sync status: {status}. Tap for details',
	'sync.indicatorPending': 'Sync status: {status}, {pending}. Tap for details',
	'sync.detailTitle': 'Sync status',
	'sync.offlineHelp':
		'You can keep working offline: changes are saved on this device and sync when the connection is back.',
	'sync.doc.settings': 'Shop settings',
	'sync.doc.inventory': 'Inventory',
	'sync.doc.ledger': 'Rentals and money',
	'sync.doc.inbox': 'Inbox',
	'sync.doc.other': 'Data {name}',
	'sync.error.4403': 'You do not have access to sync this data.',
	'sync.error.4400': 'The server refused a message. Please reload the page.',
	'sync.error.4413': 'A change is too large for the server. Please tell the owner.',
	'sync.error.other': 'The server stopped syncing (code {code}). Please reload the page.',

	'storage.quota':
		'This device is out of storage and the change was not saved. Delete photos or apps you do not need, then try again.',
	'storage.unavailable':
		'Local storage is not available (private mode, or the browser blocks site data). Open the app in a normal window.',
	'storage.unknown': 'Saving on this device failed. Reload the page and try again.',
	'session.expired':
		'Your login has ended (the account may have been deactivated or its PIN reset). Please log in again.',

	'login.title': 'Staff login',
	'login.name': 'Name',
	'login.pin': 'PIN',
	'login.submit': 'Log in',
	'login.busy': 'Logging in…',
	'login.offline':
		'You are offline. The first login on this device needs a connection; try again once online.',

	'setup.title': 'First-time setup',
	'setup.intro':
		'Create the owner account. The setup code is in the link the server printed when it first started (…/setup?code=XXXX-XXXX).',
	'setup.code': 'Setup code',
	'setup.ownerName': "Owner's name",
	'setup.pin': 'PIN (4–8 digits)',
	'setup.pinRepeat': 'Repeat the PIN',
	'setup.submit': 'Create owner account',
	'setup.busy': 'Creating…',
	'setup.done': 'This shop is already set up.',
	'setup.toLogin': 'Go to login',

	'error.bad_code': 'The setup code is wrong. Use the complete setup link the server printed.',
	'error.already_set_up': 'This shop is already set up. Please log in.',
	'error.bad_input': 'Some of what you entered is not accepted. Check it and try again.',
	'error.bad_credentials': 'Name or PIN is wrong.',
	'error.too_many_attempts': 'Too many attempts. Try again in {wait} (at {time}).',
	'error.name_taken': 'An account with this name exists already. Choose another name.',
	'error.unauthorized': 'Your login has ended. Please log in again.',
	'error.forbidden': 'Only the owner can do this.',
	'error.not_found': 'That account was not found. Refresh the list.',
	'error.network': 'Cannot reach the server. Check the network and try again.',
	'error.server': 'The server had a problem. Try again in a moment.',
	'error.unknown': 'Something unexpected went wrong. Please try again.',
	'duration.seconds': '{n} s',
	'duration.minutes': '{n} min',

	'field.code_required': 'Enter the setup code',
	'field.name_required': 'Enter a name',
	'field.name_too_long': 'A name can have at most {max} characters',
	'field.pin_required': 'Enter a PIN',
	'field.pin_format': 'A PIN is 4–8 digits',
	'field.pin_mismatch': 'The two PINs do not match',

	'dashboard.title': 'Home',
	'dashboard.greeting': 'Hello, {name}',
	'dashboard.noProfile':
		'The shop profile is empty. The owner can fill in the name, phone and hours under Settings.',
	'inventory.title': 'Inventory',
	'inventory.placeholder':
		'Gear models (such as a 3.6 m sea rod and its prices), every numbered unit and its maintenance log will be managed here. A barcode scanner can scan unit codes directly.',
	'rentals.title': 'Rentals',
	'customers.title': 'Customers',
	'inbox.title': 'Inbox',
	'placeholder.soon': 'Coming soon',

	'settings.title': 'Settings',
	'profile.title': 'Shop profile',
	'profile.name': 'Shop name',
	'profile.phone': 'Phone',
	'profile.address': 'Address',
	'profile.hours': 'Opening hours',
	'profile.hoursHint': 'e.g. Daily 6:00–19:00, closed Tuesdays',
	'profile.save': 'Save',
	'profile.saving': 'Saving…',
	'profile.saved': 'Saved',
	'profile.nothingChanged': 'Nothing changed',
	'profile.readOnly':
		'Only the owner can change the shop profile. You can view it but not edit it.',
	'profile.error.required': 'Enter the shop name',
	'profile.error.too_long': 'At most {max} characters',
	'profile.error.bad_phone': 'Enter a valid phone number',

	'staff.title': 'Staff accounts',
	'staff.readOnly': 'Staff accounts are managed by the owner.',
	'staff.offline': 'Offline: this is the list as last synced. Changes need a connection.',
	'staff.empty': 'No staff accounts yet.',
	'staff.you': ' (you)',
	'staff.active': 'Active',
	'staff.inactive': 'Deactivated',
	'staff.since': 'Created {date}',
	'staff.deactivate': 'Deactivate',
	'staff.reactivate': 'Reactivate',
	'staff.deactivateConfirm':
		'{name} will no longer be able to log in, and devices where they are logged in will be signed out. Deactivate?',
	'staff.deactivated': '{name} is deactivated and can no longer log in.',
	'staff.reactivated': '{name} is active again.',
	'staff.resetPin': 'Reset PIN',
	'staff.resetPinFor': 'New PIN for {name}',
	'staff.newPin': 'New PIN',
	'staff.newPinRepeat': 'Repeat the new PIN',
	'staff.savePin': 'Save new PIN',
	'staff.pinReset': 'The PIN of {name} was reset.',
	'staff.add': 'Add staff',
	'staff.name': 'Name',
	'staff.pin': 'First PIN (4–8 digits)',
	'staff.pinRepeat': 'Repeat the PIN',
	'staff.role': 'Role',
	'staff.addSubmit': 'Add',
	'staff.added': '{name} was added and can log in with this name and PIN.',
	'staff.busy': 'Working…',
	...categoriesEn,
	...photosEn,
	...inventoryEn,
	...reservationsEn,
	...scanningEn,
	...customersEn,
	...rulesEn,
	...rentalsEn,
	...chatCustomerEn,
	...inboxEn,
	...groupsEn
};
