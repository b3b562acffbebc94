import { describe, expect, it } from 'vitest';
import { checkPersonalDataCorrection } from './personal-data.js';

const judged = { team: '数据先锋队', edition: '2024年广西分赛' };

describe('checkPersonalDataCorrection (个人信息保护法 §46)', () => {
  it('accepts a name and a mainland mobile while no team of the person is judged', () => {
    expect(checkPersonalDataCorrection({ displayName: '张三', mobile: '13800000001' }, null)).toEqual([]);
  });

  it('refuses a blank name and a mobile that is not a mainland number, naming the field', () => {
    expect(checkPersonalDataCorrection({ displayName: '  ', mobile: '23800000001' }, null)).toEqual([
      { code: 'DISPLAY_NAME_BLANK', path: '/displayName' },
      { code: 'MOBILE_INVALID', path: '/mobile' },
    ]);
  });

  it('keeps the name of a judged roster, naming the team, and lets the contacts change', () => {
    expect(checkPersonalDataCorrection({ displayName: '张三' }, judged)).toEqual([
      { code: 'PERSONAL_DATA_CORRECTION_REFUSED', path: '/displayName', params: judged },
    ]);
    expect(checkPersonalDataCorrection({ email: 'a@example.test', mobile: '13800000001' }, judged)).toEqual([]);
  });
});
