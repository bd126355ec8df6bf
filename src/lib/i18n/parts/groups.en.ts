import type { groupsZhCN } from './groups.zh-CN.ts';

/** English messages of topic groups and broadcasts: every key of `groupsZhCN`. */
export const groupsEn: Record<keyof typeof groupsZhCN, string> = {
	'groups.title': 'Groups and broadcasts',
	'groups.back': 'Back to inbox',
	'groups.offline':
		'Offline: groups and broadcasts need the server. Group chats you opened can still be read.',
	'groups.list': 'Groups',
	'groups.empty': 'No groups yet. Make one, such as “Sea anglers” or “New to wild fishing”.',
	'groups.name': 'Group name',
	'groups.namePlaceholder': 'e.g. Sea anglers',
	'groups.create': 'Create group',
	'groups.created': 'Group “{name}” created',
	'groups.memberCount': '{n} members',
	'groups.rename': 'Rename',
	'groups.renameSave': 'Save name',
	'groups.renamed': 'Group renamed to “{name}”',
	'groups.members': 'Members',
	'groups.noMembers': 'No members yet. Search for customers to add them.',
	'groups.search': 'Find customers to add',
	'groups.searchPlaceholder': 'Name, pinyin, tag or phone',
	'groups.add': 'Add',
	'groups.isMember': 'Member',
	'groups.added': '{name} added',
	'groups.notSynced': '{name} has not reached the server yet; add them again shortly.',
	'groups.remove': 'Remove',
	'groups.removeConfirm':
		'Remove {name} from “{group}”? They will stop seeing this group’s messages at once.',
	'groups.removed': '{name} removed',
	'groups.unknownCustomer': '(unknown customer)',
	'groups.conversation': 'Group chat',
	'groups.noMessages': 'No messages in this group yet. Post an announcement.',
	'groups.announce': 'Announcement',
	'groups.announcePlaceholder':
		'A word to the whole group, e.g. Boat leaves 6 am Saturday; reply to join.',
	'groups.send': 'Send',
	'groups.staff': 'Staff',
	'groups.retracted': '(retracted)',
	'groups.edited': '(edited)',
	'groups.attachment': '[photo or voice note: open it in the inbox]',
	'groups.card': '[card]',
	'groups.pick': 'Pick a group to see its members and chat.',

	'broadcast.title': 'Broadcast',
	'broadcast.limitHint':
		'A broadcast arrives in each customer’s own chat. To avoid spamming, a customer gets at most {day} broadcast in 24 hours and {week} in 7 days; the rest are skipped.',
	'broadcast.tags': 'By tag (any of)',
	'broadcast.rented': 'Rented a model or category',
	'broadcast.rentedPlaceholder': 'e.g. sea rod',
	'broadcast.since': 'Since',
	'broadcast.matched': 'Goes to {n} customers',
	'broadcast.none': 'No customer matches',
	'broadcast.more': 'and {n} more',
	'broadcast.text': 'Message',
	'broadcast.textPlaceholder':
		'e.g. New 3.6 m sea rods in: rent two days this week, bait is on us.',
	'broadcast.send': 'Send broadcast',
	'broadcast.confirm': 'Send this message to {n} customers?',
	'broadcast.sent': 'Sent to {n} customers',
	'broadcast.skippedLimit': '{n} skipped by the limit: {names}',
	'broadcast.skippedUnknown': '{n} not on the server yet, not sent',
	'broadcast.skippedUnavailable': '{n} could not be sent just now; try again later'
};
