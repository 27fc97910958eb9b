import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_SOURCES, type ConsentSource, ODS_CODE, SHARING_ORGANISATION_TYPES, type SharingOrganisationType } from '@stepwell/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CONTACT_CHANNELS, type ContactChannel } from '../domain/consents/consents.decider';

export class ConsentRequest {
  @ApiPropertyOptional({ description: 'Consent to share with this organisation (ODS code). Exactly one of organisationId, organisationType and channel.', example: 'RY1' })
  @IsOptional()
  @IsString()
  @Matches(ODS_CODE, { message: 'organisationId must be an ODS code (3 to 10 capital letters and digits)' })
  organisationId?: string;

  @ApiPropertyOptional({ enum: SHARING_ORGANISATION_TYPES, description: 'Consent to share with every organisation of this type (an organisation’s own entry overrides it).' })
  @IsOptional()
  @IsIn(SHARING_ORGANISATION_TYPES)
  organisationType?: SharingOrganisationType;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, description: 'Consent to be contacted by this channel (acknowledgements and other service messages).' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  channel?: ContactChannel;

  @ApiProperty({ description: 'true: consent given; false: withdrawn (an objection).' })
  @IsBoolean()
  consented!: boolean;

  @ApiProperty({ enum: CONSENT_SOURCES, description: 'How the person told the organisation: verbally, on a paper form, on an electronic form.' })
  @IsIn(CONSENT_SOURCES)
  source!: ConsentSource;
}

export class SharingConsentView {
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ enum: SHARING_ORGANISATION_TYPES, nullable: true, type: String }) organisationType!: SharingOrganisationType | null;
  @ApiProperty() consented!: boolean;
  @ApiProperty({ enum: CONSENT_SOURCES }) source!: ConsentSource;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty({ description: 'ODS code of the organisation that recorded it' }) recordedBy!: string;
}

export class ContactConsentView {
  @ApiProperty({ description: 'Messages may go by this channel: true unless the person withdrew it' }) allowed!: boolean;
  @ApiProperty({ enum: CONSENT_SOURCES, nullable: true, type: String }) source!: ConsentSource | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: never recorded (the default applies)' }) changedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedBy!: string | null;
}

export class ContactConsentsView {
  @ApiProperty({ type: ContactConsentView }) sms!: ContactConsentView;
  @ApiProperty({ type: ContactConsentView }) email!: ContactConsentView;
}

export class ConsentsView {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id' }) id!: string;
  @ApiProperty({ type: [SharingConsentView], description: 'Consent to share, per organisation or type, as last recorded. None listed: the referral’s consent stands.' })
  sharing!: SharingConsentView[];
  @ApiProperty({ type: ContactConsentsView }) contact!: ContactConsentsView;
}
