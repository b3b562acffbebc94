import type { MessageCatalog } from './types.js';

/** Messages for uploads and downloads of files. */
export const fileMessages = {
  FILE_MISSING: { 'zh-CN': '请求中没有上传文件', en: 'The request carries no file' },
  MULTIPART_MALFORMED: {
    'zh-CN': '上传的 multipart/form-data 请求体格式错误或不完整',
    en: 'The multipart/form-data body is malformed or ends early',
  },
  MULTIPART_REQUIRED: {
    'zh-CN': '该接口只接受 multipart/form-data 上传',
    en: 'This route accepts multipart/form-data uploads only',
  },
  FILE_TYPE_NOT_ALLOWED: {
    'zh-CN': '文件类型不允许（检测到：{detected}；允许：{allowed}）',
    en: 'File type not allowed (detected: {detected}; allowed: {allowed})',
  },
  FILE_TOO_LARGE: {
    'zh-CN': '文件超过大小上限 {maxMiB} MiB',
    en: 'The file exceeds the size limit of {maxMiB} MiB',
  },
  FILE_NOT_FOUND: { 'zh-CN': '文件不存在', en: 'No such file' },
  RANGE_NOT_SATISFIABLE: {
    'zh-CN': '请求的字节范围无法满足（{range}，文件大小 {size} 字节）',
    en: 'The requested range cannot be satisfied ({range}; the file has {size} bytes)',
  },
} satisfies MessageCatalog;
