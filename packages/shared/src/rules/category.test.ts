import { describe, expect, it } from 'vitest';
import { categoriesForTrack, checkCategory } from './category.js';

describe('categories per track (R-CAT-1)', () => {
  it('lets the society track enter all three categories', () => {
    expect(categoriesForTrack('society')).toEqual(['modeling', 'data_product', 'public_component']);
    expect(checkCategory({ track: 'society', direction: 'product_innovation', category: 'public_component' })).toEqual(
      [],
    );
  });

  it('refuses public_component for the university track (R-CAT-1)', () => {
    const violations = checkCategory({
      track: 'university',
      direction: 'product_innovation',
      category: 'public_component',
    });
    expect(violations).toEqual([
      expect.objectContaining({ code: 'CATEGORY_NOT_ALLOWED_FOR_TRACK', ruleId: 'R-CAT-1', path: '/category' }),
    ]);
  });

  it('accepts modeling and data_product for the university track', () => {
    expect(checkCategory({ track: 'university', direction: 'modeling', category: 'modeling' })).toEqual([]);
    expect(checkCategory({ track: 'university', direction: 'product_innovation', category: 'data_product' })).toEqual(
      [],
    );
  });

  it('refuses a category outside its direction', () => {
    const violations = checkCategory({ track: 'society', direction: 'modeling', category: 'data_product' });
    expect(violations.map((v) => v.code)).toEqual(['CATEGORY_NOT_IN_DIRECTION']);
  });
});
