import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IDENTITY_VERIFICATION_METHODS, type IdentityVerificationMethod } from '../domain/referral.vocabulary';

export class VerifyIdentityRequest {
  @ApiProperty({
    enum: IDENTITY_VERIFICATION_METHODS,
    description:
      '`nhs-login`: the person proved who they are with NHS login (identity level P9); `pds-trace-and-photo-id`: a Personal Demographics Service trace matched and photo ID was seen; `known-to-practice`: the person is known to the service or their registered practice confirmed them',
  })
  @IsIn(IDENTITY_VERIFICATION_METHODS, { message: `method must be one of: ${IDENTITY_VERIFICATION_METHODS.join(', ')}` })
  method!: IdentityVerificationMethod;
}
