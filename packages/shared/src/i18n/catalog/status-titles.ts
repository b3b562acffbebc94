import type { LocalizedMessage } from './types.js';

const INTERNAL_ERROR: LocalizedMessage = { 'zh-CN': '服务器错误', en: 'Internal Server Error' };
const CLIENT_ERROR: LocalizedMessage = { 'zh-CN': '请求错误', en: 'Client Error' };

/** Problem titles by HTTP status: short, the same for every occurrence (RFC 9457 `title`). */
export const statusTitles: Record<number, LocalizedMessage> = {
  400: { 'zh-CN': '请求无效', en: 'Bad Request' },
  401: { 'zh-CN': '未认证', en: 'Unauthorized' },
  403: { 'zh-CN': '禁止访问', en: 'Forbidden' },
  404: { 'zh-CN': '未找到', en: 'Not Found' },
  405: { 'zh-CN': '方法不允许', en: 'Method Not Allowed' },
  406: { 'zh-CN': '无法提供可接受的内容', en: 'Not Acceptable' },
  409: { 'zh-CN': '冲突', en: 'Conflict' },
  413: { 'zh-CN': '内容过大', en: 'Content Too Large' },
  414: { 'zh-CN': '请求地址过长', en: 'URI Too Long' },
  415: { 'zh-CN': '不支持的内容类型', en: 'Unsupported Media Type' },
  416: { 'zh-CN': '请求范围无效', en: 'Range Not Satisfiable' },
  422: { 'zh-CN': '违反业务规则', en: 'Unprocessable Content' },
  429: { 'zh-CN': '请求过多', en: 'Too Many Requests' },
  500: INTERNAL_ERROR,
  503: { 'zh-CN': '服务不可用', en: 'Service Unavailable' },
};

/** The title of a status; one without its own gets a client-error title (4xx) or that of 500. */
export const statusTitle = (status: number): LocalizedMessage =>
  statusTitles[status] ?? (status >= 400 && status < 500 ? CLIENT_ERROR : INTERNAL_ERROR);
