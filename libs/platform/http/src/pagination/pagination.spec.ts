import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { pageEnvelope, pageOf, pageOffset } from './page';
import { PageQuery, pageQueryWith, type PageQueryClass } from './page.query';

function parse(cls: PageQueryClass, query: Record<string, string>) {
  const dto = plainToInstance(cls, query);
  const failed = validateSync(dto).map((error) => error.property);
  return { dto, failed };
}

describe('PageQuery', () => {
  it('defaults to the first page of 50 when the query names neither', () => {
    const { dto, failed } = parse(PageQuery, {});
    expect(failed).toEqual([]);
    expect({ page: dto.page, pageSize: dto.pageSize }).toEqual({ page: 1, pageSize: 50 });
  });

  it('turns query strings into numbers', () => {
    const { dto, failed } = parse(PageQuery, { page: '3', pageSize: '200' });
    expect(failed).toEqual([]);
    expect({ page: dto.page, pageSize: dto.pageSize }).toEqual({ page: 3, pageSize: 200 });
  });

  it.each([
    [{ page: '0' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ pageSize: '201' }, 'pageSize'],
    [{ pageSize: 'many' }, 'pageSize'],
    // page=1e20 once overflowed the offset into a 500.
    [{ page: '1e20' }, 'page'],
    [{ page: '10001' }, 'page'],
  ])('refuses %j', (query, field) => {
    expect(parse(PageQuery, query).failed).toEqual([field]);
  });

  it('keeps its page fields in a subclass that adds filters', () => {
    class Filtered extends PageQuery {
      status?: string;
    }
    expect(parse(Filtered, { pageSize: '201' }).failed).toEqual(['pageSize']);
  });
});

describe('pageQueryWith', () => {
  it('uses its own default page size', () => {
    expect(parse(pageQueryWith({ defaultPageSize: 20 }), {}).dto.pageSize).toBe(20);
  });

  it('refuses sizes above its own maximum', () => {
    const Limited = pageQueryWith({ maxPageSize: 100 });
    expect(parse(Limited, { pageSize: '100' }).failed).toEqual([]);
    expect(parse(Limited, { pageSize: '101' }).failed).toEqual(['pageSize']);
  });

  it('accepts any size when it has no maximum, for endpoints that clamp instead', () => {
    const { dto, failed } = parse(pageQueryWith({ maxPageSize: null }), { pageSize: '5000' });
    expect(failed).toEqual([]);
    expect(dto.pageSize).toBe(5000);
  });
});

describe('page envelope', () => {
  const letters = ['a', 'b', 'c', 'd', 'e'];

  it('skips the rows of the pages before the one asked for', () => {
    expect(pageOffset({ page: 3, pageSize: 20 })).toBe(40);
  });

  it('cuts the page asked for out of a list and counts the whole list', () => {
    expect(pageOf(letters, { page: 2, pageSize: 2 })).toEqual({ items: ['c', 'd'], page: 2, pageSize: 2, total: 5 });
  });

  it('answers a page past the end with no items and the true total', () => {
    expect(pageOf(letters, { page: 4, pageSize: 2 })).toEqual({ items: [], page: 4, pageSize: 2, total: 5 });
  });

  it('wraps a page the store already cut with the total the store counted', () => {
    expect(pageEnvelope(['x'], { page: 7, pageSize: 1 }, 42)).toEqual({ items: ['x'], page: 7, pageSize: 1, total: 42 });
  });
});
