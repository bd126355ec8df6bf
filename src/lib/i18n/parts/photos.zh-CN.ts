/** zh-CN messages of photo strips (merged into the main dictionary). */
export const photosZhCN = {
	'photos.title': '照片',
	'photos.add': '＋ 拍照或选图',
	'photos.adding': '处理中…',
	'photos.alt': '照片',
	'photos.remove': '删除这张照片',
	'photos.waiting': '待上传',
	'photos.uploadFailed': '上传失败',
	'photos.failed': '这张图片无法读取，请换一张或重拍。'
} as const;

export type PhotosMessages = Record<keyof typeof photosZhCN, string>;
