import type { RulesMessages } from './rules.zh-CN.ts';

/** English messages of the rental rules in settings: every zh-CN key, checked by the type. */
export const rulesEn: RulesMessages = {
	'rules.title': 'Rental rules',
	'rules.readOnly': 'The owner sets the rental rules. You can view them but not change them.',
	'rules.appliesToNew':
		'Changes apply to gear that goes out from now on; rentals already out settle under the rules they went out with.',
	'rules.graceMinutes': 'Grace (minutes)',
	'rules.graceMinutesHint': 'A new day is charged only once the grace time has passed.',
	'rules.turnaroundMinutes': 'Cleaning time (minutes)',
	'rules.turnaroundMinutesHint':
		'After a return, gear is held this long for cleaning before it can go out or be reserved.',
	'rules.defaultDays': 'Default rental (days)',
	'rules.defaultDaysHint': 'The due time a check-out starts with; each rental can change it.',
	'rules.save': 'Save rules',
	'rules.saving': 'Saving…',
	'rules.saved': 'Saved',
	'rules.nothingChanged': 'Nothing changed',
	'rules.error.not_whole': 'Enter a whole number, 0 or more',
	'rules.error.too_large': 'At most {max}',
	'rules.error.too_small': 'At least 1 day',
	'rules.error.bad_date': 'That date is not valid; pick it again',
	'rules.holidays': 'Holidays',
	'rules.holidaysHint': 'A rental day that starts on one of these is charged the holiday price.',
	'rules.noHolidays': 'No holidays set.',
	'rules.holidayDate': 'Add a holiday',
	'rules.addHoliday': 'Add',
	'rules.holidayExists': 'That day is already on the list',
	'rules.pickDate': 'Pick a date first',
	'rules.removeHoliday': 'Remove {date}',
	'rules.holidayAdded': 'Added holiday {date}',
	'rules.holidayRemoved': 'Removed holiday {date}'
};
