import { describe, expect, it } from 'vitest';
import { formatMessage, messages, negotiateLocale } from './messages.js';

describe('messages', () => {
  it('speaks Chinese first and English on request', () => {
    expect(negotiateLocale(undefined)).toBe('zh-CN');
    expect(negotiateLocale('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('fr, en;q=0.5')).toBe('en');
    expect(negotiateLocale('en;q=0, zh;q=0.1')).toBe('zh-CN');
  });

  it('fills placeholders', () => {
    expect(formatMessage('EDITION_NOT_FOUND', 'en', { edition: 'x' })).toBe('No such edition: x');
    expect(formatMessage('EDITION_NOT_FOUND', 'zh-CN', { edition: 'x' })).toBe('赛事不存在：x');
  });

  it('names a missing request property by its label, not its property name', () => {
    expect(formatMessage('PROJECT_FIELD_REQUIRED', 'zh-CN', { property: 'summary' })).toBe('请填写简介');
    expect(formatMessage('PROJECT_FIELD_REQUIRED', 'en', { property: 'title' })).toBe('Required: Title');
  });

  it('has a non-empty Chinese and English text for every code', () => {
    for (const [code, text] of Object.entries(messages)) {
      expect(text['zh-CN'], code).not.toBe('');
      expect(text.en, code).not.toBe('');
    }
  });
});
