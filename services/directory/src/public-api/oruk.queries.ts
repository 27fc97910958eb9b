import { ApiPropertyOptional } from '@nestjs/swagger';
import { OPAQUE_ID, parseStrictDate } from '@stepwell/contracts';
import { Type } from 'class-transformer';
import { IsEmpty, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';

const LOCAL_TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;
const NO_POSTCODES = 'is not supported: there is no offline postcode source (the directory never calls a web API at run time); give lat and lon instead';

/** `page` (from 1) and `per_page` (1–200, default 50), the ORUK 3.0 paging parameters. */
export class OrukPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  per_page = 50;
}

export class TaxonomyTermsQuery extends OrukPageQuery {
  @ApiPropertyOptional({ description: 'Only the terms of this taxonomy' })
  @IsOptional()
  @Matches(OPAQUE_ID)
  taxonomy_id?: string;
}

const IsDateOrInstant = () =>
  ValidateBy({
    name: 'isDateOrInstant',
    validator: { validate: (value: unknown) => parseStrictDate(value, 'either') !== undefined, defaultMessage: () => 'modified_after must be a date (YYYY-MM-DD) or an RFC 3339 date-time' },
  });

/** The search of `GET /services` and `GET /service_at_locations` (ORUK 3.0 parameter names). */
export class ServiceSearchQuery extends OrukPageQuery {
  @ApiPropertyOptional({ description: 'Words in the name or description (ORUK 3.0 calls it `search`; `text` is the older name, both work)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @ApiPropertyOptional({ description: 'As `text`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(OPAQUE_ID) taxonomy_term_id?: string;
  @ApiPropertyOptional({ description: 'Services with any term of this taxonomy' }) @IsOptional() @Matches(OPAQUE_ID) taxonomy_id?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(OPAQUE_ID) organization_id?: string;

  @ApiPropertyOptional({ description: 'ORUK 3.0: services whose minimum age is at least this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  minimum_age?: number;

  @ApiPropertyOptional({ description: 'ORUK 3.0: services whose maximum age is at most this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  maximum_age?: number;

  @ApiPropertyOptional({ description: 'Stepwell: services whose age range includes this age (open bounds include every age)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(130)
  age?: number;

  @ApiPropertyOptional({ description: 'Changed on or after this date or date-time' })
  @IsOptional()
  @IsDateOrInstant()
  modified_after?: string;

  @ApiPropertyOptional({ description: 'Latitude of the point to search around (with lon); results nearest first with `distance` in metres' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ description: 'Longitude (with lat)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(-180)
  @Max(180)
  lon?: number;

  @ApiPropertyOptional({ description: 'Only within this many metres of lat/lon (1–500,000)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(500_000)
  proximity?: number;

  @ApiPropertyOptional({ description: 'iCal weekday (MO, TU, WE, TH, FR, SA, SU): services with a schedule meeting on it', enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] })
  @IsOptional()
  @IsIn(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { message: 'day must be an iCal weekday: MO, TU, WE, TH, FR, SA or SU' })
  day?: string;

  @ApiPropertyOptional({ description: 'Local time HH:MM (Europe/London): services with scheduled hours after it (overlapping start_time–end_time)' })
  @IsOptional()
  @Matches(LOCAL_TIME, { message: 'start_time must be a time HH:MM' })
  start_time?: string;

  @ApiPropertyOptional({ description: 'Local time HH:MM (Europe/London): services with scheduled hours before it' })
  @IsOptional()
  @Matches(LOCAL_TIME, { message: 'end_time must be a time HH:MM' })
  end_time?: string;

  @ApiPropertyOptional({ description: `Not supported: it ${NO_POSTCODES}` }) @IsEmpty({ message: `postcode ${NO_POSTCODES}` }) postcode?: string;
}
