import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { isValidNhsNumber } from '../domain/patient-identity';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 10 digits (optionally grouped 3-3-4) whose last is the Modulus 11 check digit of the first nine. */
function IsNhsNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNhsNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidNhsNumber(value),
        defaultMessage: () => 'nhsNumber must be 10 digits passing the NHS Modulus 11 check',
      },
    },
    options,
  );
}

/** A calendar date (YYYY-MM-DD) no later than today. Reading the clock is the HTTP edge's job, not the domain's. */
function IsPastCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPastCalendarDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
          return value <= new Date().toISOString().slice(0, 10);
        },
        defaultMessage: () => 'dateOfBirth must be a calendar date (YYYY-MM-DD) that is not in the future',
      },
    },
    options,
  );
}

/** The person referred. Kept in the patient index only: referral events name the person by subject id. */
export class PatientRequest {
  @ApiPropertyOptional({ example: '9434765919', description: 'NHS number: 10 digits passing the Modulus 11 check' })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @Length(1, 100)
  givenName!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @Length(1, 100)
  familyName!: string;

  @ApiProperty({ format: 'date', example: '1990-04-01' })
  @IsPastCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ example: 'LS1 4AP' })
  @IsString()
  @Matches(/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, { message: 'postcode must be a UK postcode' })
  postcode!: string;

  @ApiPropertyOptional({ description: 'Phone and/or email: at least one is required' })
  @ValidateIf((patient: PatientRequest) => patient.phone !== undefined || patient.email === undefined)
  @IsString()
  @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'phone must be a phone number (phone or email is required)' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: 'en', description: 'Preferred language (BCP 47 tag)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'preferredLanguage must be a language tag such as en or pl' })
  preferredLanguage?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;
}
