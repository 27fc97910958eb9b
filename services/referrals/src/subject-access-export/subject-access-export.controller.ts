import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PatientAccess, type Principal } from '@stepwell/access';
import { CorrelationId, etagOf, type HeaderSink } from '@stepwell/http';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { PatientIdParams } from '../shared/episode.requests';
import { type SubjectAccessBundle, SubjectAccessExports, type SubjectAccessExportView } from './subject-access-export.handler';
import { subjectAccessPdf } from './subject-access-pdf';

export class ExportParams extends PatientIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  exportId!: string;
}

export class RedactionRequest {
  @ApiProperty({ description: 'The entry to withhold (`<service>:<position>`, as in the export)' })
  @IsString()
  @Matches(/^[a-z]+:\d{1,15}$/, { message: 'entryId must be an entry id of the export (service:position)' })
  entryId!: string;

  @ApiProperty({ description: 'Why it is withheld, shown in its place (e.g. "information about a family member")' })
  @IsString()
  @Length(3, 200)
  reason!: string;
}

const ACCESS = { action: 'patient.subject-access', target: { type: 'patient', param: 'patientId' }, resource: 'subject-access-export' } as const;

/**
 * The subject access export (UK GDPR Art. 15, issue 15 item 4; ICO "Right of access" guidance): the privacy officer
 * of an organisation in the person's care asks for it, follows its progress, marks third-party entries for redaction,
 * releases it, then downloads the JSON bundle or the PDF. Every answer is an audited read of the person's record.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients/:patientId/subject-access-exports')
export class SubjectAccessExportController {
  constructor(private readonly exports: SubjectAccessExports) {}

  @Post()
  @HttpCode(202)
  @PatientAccess(ACCESS)
  @ApiAcceptedResponse({ description: 'Recorded; every service is asked in the background. Follow progress at GET …/{exportId}.' })
  async request(
    @Param() params: PatientIdParams,
    @Headers('authorization') authorization: string,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SubjectAccessExportView> {
    const exportId = randomUUID();
    const { view, revision } = await this.exports.request(params.patientId, exportId, { principal, authorization, correlationId });
    response.setHeader('ETag', etagOf(revision));
    response.setHeader('Location', `/patients/${params.patientId}/subject-access-exports/${exportId}`);
    return view;
  }

  @Get(':exportId')
  @PatientAccess(ACCESS)
  @ApiOkResponse({ description: 'Progress (services gathered / total), failures by service, redactions, release.' })
  async read(@Param() params: ExportParams): Promise<SubjectAccessExportView> {
    return (await this.exports.read(params.patientId, params.exportId)).view;
  }

  @Post(':exportId/retry')
  @HttpCode(202)
  @PatientAccess(ACCESS)
  @ApiAcceptedResponse({ description: 'Asks again every service not gathered yet (one that failed or was unreachable).' })
  async retry(
    @Param() params: ExportParams,
    @Headers('authorization') authorization: string,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubjectAccessExportView> {
    return (await this.exports.retry(params.patientId, params.exportId, { principal, authorization, correlationId })).view;
  }

  @Post(':exportId/redactions')
  @HttpCode(200)
  @PatientAccess(ACCESS)
  @ApiOkResponse({ description: 'The entry will be released as "[redacted: reason]". 422 for an entry not in the export, 409 once released.' })
  async redact(
    @Param() params: ExportParams,
    @Body() body: RedactionRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubjectAccessExportView> {
    return (await this.exports.markRedaction(params.patientId, params.exportId, body.entryId, body.reason, { principal, correlationId })).view;
  }

  @Post(':exportId/release')
  @HttpCode(200)
  @PatientAccess(ACCESS)
  @ApiOkResponse({ description: 'Released: the bundle can be downloaded. 409 while a service is not gathered (retry first).' })
  async release(@Param() params: ExportParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal): Promise<SubjectAccessExportView> {
    return (await this.exports.release(params.patientId, params.exportId, { principal, correlationId })).view;
  }

  @Get(':exportId/bundle.json')
  @PatientAccess(ACCESS)
  @ApiOkResponse({ description: 'The released export (409 before release).' })
  async bundle(@Param() params: ExportParams): Promise<SubjectAccessBundle & { id: string }> {
    return { id: params.exportId, ...(await this.exports.bundle(params.patientId, params.exportId)) };
  }

  @Get(':exportId/bundle.pdf')
  @PatientAccess(ACCESS)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The released export as a PDF (409 before release).' })
  async pdf(@Param() params: ExportParams): Promise<StreamableFile> {
    const pdf = await subjectAccessPdf(await this.exports.bundle(params.patientId, params.exportId));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="subject-access-${params.exportId}.pdf"` });
  }
}
