/** zh-CN messages of the rental rules in settings (merged into the main dictionary). */
export const rulesZhCN = {
	'rules.title': '租赁规则',
	'rules.readOnly': '租赁规则由店主设置。你可以查看，但不能修改。',
	'rules.appliesToNew': '修改只影响之后租出的渔具；已经租出的，按租出时的规则结算。',
	'rules.graceMinutes': '宽限时间（分钟）',
	'rules.graceMinutesHint': '超过宽限时间才按新的一天计费。',
	'rules.turnaroundMinutes': '清洁时间（分钟）',
	'rules.turnaroundMinutesHint': '渔具还回后先留出这段时间清洁，之后才能再租出或被预约。',
	'rules.defaultDays': '默认租期（天）',
	'rules.defaultDaysHint': '出租时默认的归还时间，每单都可以另改。',
	'rules.save': '保存规则',
	'rules.saving': '正在保存…',
	'rules.saved': '已保存',
	'rules.nothingChanged': '没有修改',
	'rules.error.not_whole': '请输入不小于 0 的整数',
	'rules.error.too_large': '不能超过 {max}',
	'rules.error.too_small': '至少 1 天',
	'rules.error.bad_date': '日期不对，请重新选择',
	'rules.holidays': '节假日',
	'rules.holidaysHint': '这些日子开始的租期按节假日价计费。',
	'rules.noHolidays': '还没有设置节假日。',
	'rules.holidayDate': '添加节假日',
	'rules.addHoliday': '添加',
	'rules.holidayExists': '这一天已经在列表里了',
	'rules.pickDate': '请先选择日期',
	'rules.removeHoliday': '删除 {date}',
	'rules.holidayAdded': '已添加节假日 {date}',
	'rules.holidayRemoved': '已删除节假日 {date}'
} as const;

export type RulesMessages = Record<keyof typeof rulesZhCN, string>;
