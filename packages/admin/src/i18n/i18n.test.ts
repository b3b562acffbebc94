import { describe, expect, it } from 'vitest';
import { makeI18n } from './index';
import { en } from './en';
import { zhCN } from './zh-CN';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

describe('the UI messages', () => {
  it('have the same keys in zh-CN and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it.each(['zh-CN', 'en'] as const)(
    'all compile and render in %s (no stray @ or | of the message syntax)',
    (locale) => {
      const i18n = makeI18n(locale);
      const errors: string[] = [];
      for (const key of keys(zhCN)) {
        try {
          const text = i18n.global.t(key, { n: 1, ok: 1, name: 'x', detail: 'd' });
          if (!text || text === key) errors.push(key);
        } catch (error) {
          errors.push(`${key}: ${(error as Error).message}`);
        }
      }
      expect(errors).toEqual([]);
    },
  );

  it('shows the demo logins literally', () => {
    expect(makeI18n('en').global.t('login.demo')).toContain('admin@saishi.demo / Saishi@2024');
  });
});
