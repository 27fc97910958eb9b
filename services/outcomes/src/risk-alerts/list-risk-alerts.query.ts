import { quotedSchema } from '@stepwell/read-models';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { pageEnvelope, pageOffset } from '@stepwell/http';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { type Page, PageQuery } from '../shared/page.query';
import { riskAlertViewFromRow, type RiskAlertView } from './risk-alert.view';
import { ODS_CODE } from '@stepwell/contracts';

export class RiskAlertListQuery extends PageQuery {
  @ApiPropertyOptional({ description: "ODS code; default and only allowed value: the caller's organisation" })
  @IsOptional()
  @IsString()
  @Matches(ODS_CODE)
  organisation?: string;

  @ApiPropertyOptional({ enum: ['open', 'acknowledged'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged'])
  status?: 'open' | 'acknowledged';

  @ApiPropertyOptional({ enum: ['urgent', 'high'] })
  @IsOptional()
  @IsIn(['urgent', 'high'])
  urgency?: 'urgent' | 'high';

  @ApiPropertyOptional({ description: "Only alerts naming this clinician (a clinician's own list); default: the organisation's duty queue" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_:.@-]{1,128}$/)
  namedClinician?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only escalated alerts (the duty clinician’s and clinical lead’s view)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  escalated?: 'true' | 'false';
}

@Injectable()
export class ListRiskAlertsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Urgent first, then escalated before not, then oldest first: the order a duty clinician works through. */
  async run(organisationId: string, query: RiskAlertListQuery): Promise<Page<RiskAlertView>> {
    const s = quotedSchema(this.dataSource);
    const where = ['organisation_id = $1'];
    const params: unknown[] = [organisationId];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.urgency) where.push(`urgency = $${params.push(query.urgency)}`);
    if (query.namedClinician) where.push(`named_clinician_id = $${params.push(query.namedClinician)}`);
    if (query.escalated === 'true') where.push('escalated_at IS NOT NULL');
    if (query.escalated === 'false') where.push('escalated_at IS NULL');
    const condition = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM ${s}."risk_alert" WHERE ${condition}`, params)) as [
      { total: number },
    ];
    const rows = (await this.dataSource.query(
      `SELECT * FROM ${s}."risk_alert" WHERE ${condition}
        ORDER BY CASE urgency WHEN 'urgent' THEN 0 ELSE 1 END, (escalated_at IS NULL), raised_at, alert_id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, pageOffset(query)],
    )) as Array<Record<string, unknown>>;
    return pageEnvelope(rows.map(riskAlertViewFromRow), query, total);
  }

  async byId(alertId: string): Promise<RiskAlertView | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM ${quotedSchema(this.dataSource)}."risk_alert" WHERE alert_id = $1`, [
      alertId,
    ])) as Array<Record<string, unknown>>;
    return rows[0] ? riskAlertViewFromRow(rows[0]) : null;
  }
}
