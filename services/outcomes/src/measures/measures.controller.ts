import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PatientRecord, Roles, Visibility } from '@stepwell/access';
import { CLINICAL_ROLES } from '../shared/outcomes-roles';
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
  @Roles(...CLINICAL_ROLES)
  @PatientRecord({ resource: 'measure-series', patientParam: 'patientId', idField: 'code' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiOkResponse({ description: 'Scores oldest first with the caseness cut-off and reliable change; paginated with totals' })
  list(@Param() params: PatientIdParams, @Query() query: MeasureSeriesQuery): Promise<MeasureSeries> {
    return this.series.run(params.patientId, query);
  }

  @Get('chart.svg')
  @Roles(...CLINICAL_ROLES)
  @PatientRecord({ resource: 'measure-chart', patientParam: 'patientId' })
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
