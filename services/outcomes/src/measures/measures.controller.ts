import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PatientAccess, Visibility } from '@stepwell/access';
import { PatientIdParams } from '../shared/patient-id.params';
import { CLINICAL_DETAIL_POLICY } from '../shared/visibility-policies';
import { renderMeasureChart } from './measure-chart.svg';
import { type MeasureSeries, MeasureSeriesQuery, MeasureSeriesQueryHandler } from './measure-series.query';

@ApiTags('measures')
@ApiBearerAuth()
@Controller('patients/:patientId/measures')
export class MeasuresController {
  constructor(private readonly series: MeasureSeriesQueryHandler) {}

  @Get()
  @PatientAccess({ action: 'patient.records', target: { type: 'patient', param: 'patientId' }, resource: 'measure-series' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiOkResponse({ description: 'Scores oldest first with the caseness cut-off and reliable change; paginated with totals. For a provider of the person’s care (current, or past within the retention period) or a clinician breaking the glass; 404 PATIENT_NOT_FOUND to an organisation with no relationship, as for an unknown patient. An audited read.' })
  list(@Param() params: PatientIdParams, @Query() query: MeasureSeriesQuery): Promise<MeasureSeries> {
    return this.series.run(params.patientId, query);
  }

  @Get('chart.svg')
  @PatientAccess({ action: 'patient.records', target: { type: 'patient', param: 'patientId' }, resource: 'measure-chart' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The same series as an SVG chart a browser opens' })
  async chart(@Param() params: PatientIdParams, @Query() query: MeasureSeriesQuery): Promise<string> {
    // Every score on one chart: the largest page the list allows.
    return renderMeasureChart(await this.series.run(params.patientId, Object.assign(new MeasureSeriesQuery(), query, { page: 1, pageSize: 200 })));
  }
}
