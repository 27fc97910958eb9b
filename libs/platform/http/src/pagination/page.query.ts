import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE } from '../input-contract/limits';

/** The page asked for, after validation and defaults: `page` counts from 1. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface PageLimits {
  /** `pageSize` when the caller gives none (default 50). */
  defaultPageSize?: number;
  /** Larger sizes are refused with 400 (default 200); `null` accepts any size, for endpoints that clamp instead. */
  maxPageSize?: number | null;
}

export type PageQueryClass = new () => PageRequest;

const noDecoration: PropertyDecorator = () => undefined;

/** A `page`/`pageSize` query DTO for list endpoints whose limits differ from the usual ones. */
export function pageQueryWith({ defaultPageSize = 50, maxPageSize = 200 }: PageLimits = {}): PageQueryClass {
  class LimitedPageQuery implements PageRequest {
    @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    // Deeper pages are refused: `page=1e20` once overflowed the offset into a 500.
    @Max(MAX_PAGE)
    page = 1;

    @ApiPropertyOptional({ minimum: 1, ...(maxPageSize === null ? {} : { maximum: maxPageSize }), default: defaultPageSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @(maxPageSize === null ? noDecoration : Max(maxPageSize))
    pageSize = defaultPageSize;
  }
  return LimitedPageQuery;
}

/** `page` (1–10,000, default 1) and `pageSize` (1–200, default 50): the query of every list endpoint. */
export class PageQuery extends pageQueryWith() {}
