import { filterFields, visibleFields } from './filter-fields';
import type { FieldPolicy } from './visibility.decorator';

const policy: FieldPolicy = { 'gp-practice': '*', 'voluntary-sector': ['id', 'status'] };
const record = { id: 'r1', status: 'open', therapyNotes: 'private', phq9Score: 20 };

describe('field visibility', () => {
  it('keeps only the listed fields of a record', () => {
    expect(filterFields(record, ['id', 'status'])).toEqual({ id: 'r1', status: 'open' });
  });

  it('keeps every field for a wildcard', () => {
    expect(filterFields(record, '*')).toBe(record);
  });

  it('filters each record of an array and of a list envelope, keeping the envelope', () => {
    expect(filterFields([record, record], ['id'])).toEqual([{ id: 'r1' }, { id: 'r1' }]);
    expect(filterFields({ items: [record], next: 'c2' }, ['status'], { itemsField: 'items' })).toEqual({
      items: [{ status: 'open' }],
      next: 'c2',
    });
  });

  it('does not invent fields a record lacks', () => {
    expect(filterFields({ id: 'r2' }, ['id', 'status'])).toEqual({ id: 'r2' });
  });

  it('gives an organisation type the policy does not list no fields at all', () => {
    expect(visibleFields(policy, 'commissioner')).toBeUndefined();
    expect(visibleFields(policy, 'voluntary-sector')).toEqual(['id', 'status']);
  });
});
